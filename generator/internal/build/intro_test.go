package build_test

import (
	"testing"

	"clinicgen/generator/internal/sitetest"
)

// TestSharedIntroRendersOnce: every pager page of a list holds the same
// _index.md intro page; rendering those pages in parallel must not race on
// it (run with -race). The theme shows the intro on the first page.
func TestSharedIntroRendersOnce(t *testing.T) {
	s := sitetest.Build(t, `
-- config.yaml --
title: Test Clinic
paginate: 1
-- content/articles/_index.md --
---
title: Articles
---
Our **health** articles.
-- content/articles/a.md --
---
title: A
date: 2026-01-01
---
A.
-- content/articles/b.md --
---
title: B
date: 2026-01-02
---
B.
-- content/articles/c.md --
---
title: C
date: 2026-01-03
---
C.
-- content/articles/d.md --
---
title: D
date: 2026-01-04
---
D.
`)
	s.AssertOK()
	s.AssertFile("articles/index.html", "<strong>health</strong>")
	s.AssertFile("articles/page/4/index.html", "page 4 of 4")
}
