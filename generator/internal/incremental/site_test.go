package incremental_test

// testSite is a small site with three dated articles, a home page and an
// articles section, laid out with the repository's theme.
const testSite = `
-- config.yaml --
baseURL: https://clinic.example/
title: Test Clinic
timeZone: America/New_York
taxonomies: [tags, categories]
related:
  count: 5
-- content/_index.md --
---
title: Home
---
Welcome to the test clinic.
-- content/articles/_index.md --
---
title: Articles
---
Everything we wrote.
-- content/articles/alpha.md --
---
title: Alpha Article
date: 2026-01-10
tags: [sleep, stress]
---
Alpha body text about sleep and stress at night.
-- content/articles/beta.md --
---
title: Beta Article
date: 2026-02-10
tags: [sleep]
---
Beta body about sleep and rest after work.
-- content/articles/gamma.md --
---
title: Gamma Article
date: 2026-03-10
tags: [stress]
---
Gamma body about stress and sleep in winter.
`
