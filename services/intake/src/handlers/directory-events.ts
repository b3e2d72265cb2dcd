// The intake read model of the directory's services: type, target groups, age limits, field places
// and the anonymity setting, learned from directory events only (never the directory's table).
import { directoryServiceHandlers, eventConsumer } from '@spolu/platform';
import { serviceView } from '../domain/service-view';
import { createStore } from '../store';

export const handler = eventConsumer('intake', (env) => {
  const store = createStore(env);
  return directoryServiceHandlers({
    stored: (service) => store.getService(service.providerId, service.id),
    put: (tx, service, revision) => store.putService(tx, serviceView(service, revision)),
  });
});
