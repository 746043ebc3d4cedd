package incremental_test

import "clinicgen/generator/internal/sitetest"

// testSite is a small site with three dated articles, a home page and an
// articles section, laid out with the repository's theme.
const testSite = sitetest.ThreeArticles
