// The bodies of the forms on the screens a worker opens straight from a link or the home screen
// (recording a contact, the client file), loaded when the worker first touches the form rather than
// with the screen: zod and the contracts' schemas are then neither on those screens' first paint on a
// phone nor evaluated while the page is still showing itself (issue 24 item 5). useSubmit
// (ui/form.tsx) starts the load on the form's focus (`prepare`) and awaits it on save. Each loader is
// one constant, so a form sees the same function on every render.
const intakeBodies = () => import('./intakeBodies');

export const recordContactBody = () => intakeBodies().then((m) => m.RecordContactBody);
export const arrangeWithUnnamedBody = () => intakeBodies().then((m) => m.ArrangeWithUnnamedBody);
export const makeAgreementBody = () => intakeBodies().then((m) => m.MakeAgreementBody);
