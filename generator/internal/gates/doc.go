// Package gates holds the quality gates of the published site: tests that
// build the repository's own site (content/, layouts/, assets/,
// config.yaml) once per test binary and check the output with the tools
// the field trusts. The package has no code of its own; its tests are the
// contract:
//
//   - TestNuHTMLChecker: the Nu Html Checker (npm vnu-jar, run with Java)
//     finds zero errors in every generated .html file. Each error is
//     reported as output-file:line: message.
//   - TestAxe: axe-core (npm axe-core) in Debian's headless Chromium, driven
//     by chromedp, finds zero violations of the tags wcag2a, wcag2aa,
//     wcag21a, wcag21aa and wcag22aa, plus the target-size rule, on one page
//     of every kind (home, article, service, clinic page, section list, tag
//     page, tag index, person, people, 404), at desktop width and at 320 CSS
//     px.
//   - TestEveryPageAt320px: at 320 CSS px wide, no generated page scrolls
//     sideways, no page requests anything from any origin but the local
//     server (every request Chromium makes is recorded), and no page shows
//     an error in the console (a Content-Security-Policy violation shows
//     there).
//   - TestFocusVisible: tabbing through every page kind reaches every
//     focusable element, each shows a visible focus indicator (its computed
//     outline, box-shadow, background or border differs from its unfocused
//     state), and none is covered by other content when focused.
//   - TestNginx: a real nginx (Debian package) started on a free loopback
//     port serves the built site with the nginx include the build emits:
//     pretty URLs, the 404 page with status 404, the security headers,
//     .gz copies to clients that accept gzip, and immutable caching of
//     fingerprinted CSS.
//   - TestLighthouse: Lighthouse (npm lighthouse 12.2.3, run with Node and
//     Debian's Chromium) scores 100 for accessibility, best practices and SEO
//     on the home page and one article; the performance score is logged,
//     not gated.
//   - TestLighthousePhotos: an article showing three 3000×2000 photos
//     (made by the test) scores at least 95 for performance and 100 for
//     the other categories (issue 17's gate for photos).
//
// The Nu Html Checker, axe, 320px and focus gates first run on a file or
// page broken on purpose, so a check that cannot fail fails the test.
//
// The browser tests load pages from a Go test server that serves the built
// site as a static host does: pretty URLs, 404.html with status 404 for
// anything missing, and the headers of the emitted _headers file (so a
// Content-Security-Policy that breaks a page shows as a browser error).
//
// The npm tools are pinned in .ci/package-lock.json and installed by
// `npm ci` in .ci/; Chromium, nginx and Java come from Debian
// (`apt-get install chromium nginx default-jre-headless`). .ci/run installs
// all of them. When a tool is missing a test skips and says how to install
// it, except under CI=true, where a missing tool fails the test.
package gates
