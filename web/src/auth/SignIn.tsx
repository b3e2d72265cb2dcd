import { Suspense, lazy } from 'react';
import { useApp } from '../api/context';
import { useT } from '../i18n/locale';
import { Loading, Page } from '../ui/page';

/** Local runtime only: the seeded users of the dev issuer (DevSignIn.tsx, loaded only there). */
const DevSignIn = lazy(() => import('./DevSignIn').then((m) => ({ default: m.DevSignIn })));

export const SignIn = () => {
  const t = useT();
  const { config, expired } = useApp();
  const auth = config.auth;
  return (
    <Page title={t('signIn.title')}>
      {expired && (
        <p className="alert alert-warning" role="status">
          {t('app.sessionExpired')}
        </p>
      )}
      {auth.kind === 'dev' ? (
        <Suspense fallback={<Loading />}>
          <DevSignIn />
        </Suspense>
      ) : (
        <div className="card narrow">
          <p>{t('signIn.intro')}</p>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void import('./oidc').then(({ userManager }) => userManager(auth).signinRedirect())
            }
          >
            {t('signIn.oidc')}
          </button>
        </div>
      )}
    </Page>
  );
};
