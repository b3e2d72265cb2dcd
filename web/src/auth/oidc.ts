// Sign-in in AWS: the authorization-code flow with PKCE against the region's Cognito user pool,
// done by oidc-client-ts. The console keeps only the access token (the API's JWT authorizer
// checks it), in sessionStorage via ./session.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from '../config';

type OidcConfig = Extract<ConsoleConfig['auth'], { kind: 'oidc' }>;

const managers = new Map<string, UserManager>();
export const userManager = (auth: OidcConfig) => {
  let manager = managers.get(auth.clientId);
  if (!manager) {
    const home = `${window.location.origin}/`;
    manager = new UserManager({
      authority: auth.authority,
      client_id: auth.clientId,
      redirect_uri: home,
      post_logout_redirect_uri: home,
      response_type: 'code',
      scope: auth.scope,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
    managers.set(auth.clientId, manager);
  }
  return manager;
};

/** After Cognito redirects back with ?code=…&state=…: exchange it and clean the address bar. */
export const completeRedirect = async (auth: OidcConfig) => {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') || !params.has('state')) return undefined;
  const user = await userManager(auth).signinRedirectCallback();
  window.history.replaceState(null, '', `${window.location.origin}/#/`);
  return { token: user.access_token, name: user.profile.name ?? user.profile.email };
};
