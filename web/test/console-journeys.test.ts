// Every browser journey of the console (the *.journey.ts files beside this one) in one test file,
// so they share one runtime with the seeded directory and one Chromium (console-runtime.ts)
// instead of starting their own: on the 2-core CI machine that setup cost about 20 s a file.
// Each journey creates its own clients and records; none depends on another's.
import './console.journey';
import './intake-work.journey';
import './field-work.journey';
import './client-file.journey';
import './age-warnings.journey';
import './plan-start.journey';
import './plan-work.journey';
import './referral-news.journey';
import './shared-care.journey';
import './admin-setup.journey';
import './client-search.journey';
import './coordinator.journey';
import './plan-print.journey';
import './overdue.journey';
import './phone-sweep.journey';
import './words.journey';
import './server-state.journey';
import './contacts-day.journey';
import './offline-shell.journey';
import './offline-outbox.journey';
import './early-reads.journey';
import './first-paint.journey';
// Last: it moves the shared runtime's clock past the e-mail grace.
import './inbox.journey';
