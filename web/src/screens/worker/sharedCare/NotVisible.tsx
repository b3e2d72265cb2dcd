// A shared record another provider may not (or may no longer) see: the API answers 404 whether it
// does not exist or the consent is missing, and the screen says so plainly.
import { ApiError } from '../../../api/client';
import type { Loaded } from '../../../api/context';
import { useT } from '../../../i18n/locale';

export const notVisible = (loaded: Loaded<unknown>) =>
  loaded.error instanceof ApiError && loaded.error.status === 404;

export const NotVisible = () => {
  const t = useT();
  return (
    <p className="alert alert-warning" role="alert">
      {t('sharedCare.notVisible')}
    </p>
  );
};
