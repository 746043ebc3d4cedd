package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/readability"
)

// esHardProse is the hard worked example of the Spanish measure
// (readability's TestMeasureSpanish): perspicuity -44.6, Fernández-Huerta
// -36.0, hardest sentence -69.9.
const esHardProse = "La administración intravenosa de medicamentos antiinflamatorios requiere supervisión profesional continuada. " +
	"Las complicaciones cardiovasculares asociadas necesitan evaluación especializada inmediata en establecimientos hospitalarios acreditados. " +
	"El tratamiento debe administrarse exclusivamente bajo vigilancia médica permanente y documentada por profesionales sanitarios cualificados."

// TestCheckJSONSpanish: a Spanish page's figures come out as perspicuity,
// INFLESZ band and Fernández-Huerta with a null grade, and its hardest
// sentences with their perspicuity; an English page's have none of them.
func TestCheckJSONSpanish(t *testing.T) {
	es := readability.MeasureLang("es", esHardProse)
	en := readability.Measure(hardProse)
	rep := &build.Report{MaxGrade: 8, MinPerspicuity: 55, Pages: []build.Figures{
		{Path: "content/a.es.md", URL: "/es/a/", Stats: es, AboveTarget: true},
		{Path: "content/b.md", URL: "/b/", Stats: en, AboveTarget: true},
	}}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(checkJSON(rep)); err != nil {
		t.Fatal(err)
	}
	doc := decodeStrict(t, buf.Bytes())
	checkInvariants(t, doc)
	if doc.MinPerspicuity != 55 {
		t.Errorf("minPerspicuity = %v, want 55", doc.MinPerspicuity)
	}
	p := doc.Pages[0]
	if p.Grade != nil || p.Index != "szigriszt-pazos" || p.Perspicuity == nil || *p.Perspicuity != -44.6 ||
		p.Inflesz != "muy difícil" || p.FernandezHuerta == nil || *p.FernandezHuerta != -36 || len(p.Hardest) != 3 ||
		p.Hardest[0].Grade != nil || p.Hardest[0].Perspicuity == nil || *p.Hardest[0].Perspicuity != -69.9 {
		t.Errorf("Spanish page: %+v", p)
	}
	for _, field := range []string{`"index":`, `"perspicuity":`, `"inflesz":`, `"fernandezHuerta":`} {
		if n := strings.Count(buf.String(), field); n == 0 {
			t.Errorf("no %s in %s", field, buf.String())
		}
	}
	e := doc.Pages[1]
	if e.Grade == nil || *e.Grade != 16.2 || e.Index != "" || e.Perspicuity != nil || e.Inflesz != "" || e.FernandezHuerta != nil ||
		len(e.Hardest) != 3 || e.Hardest[0].Grade == nil || e.Hardest[0].Perspicuity != nil {
		t.Errorf("English page: %+v", e)
	}
}

// TestCheckJSONMinPerspicuity: readability.minPerspicuity in config.yaml
// reaches the document.
func TestCheckJSONMinPerspicuity(t *testing.T) {
	root := t.TempDir()
	writeSite(t, root, map[string]string{
		"config.yaml":      "title: T\nreadability: {maxGrade: 7.5, minPerspicuity: 62.5}\nclinic: {name: T}\n",
		"content/about.md": "---\ntitle: About\ndescription: d\n---\nText.\n",
	})
	var out, errOut bytes.Buffer
	if code := testEnv(&out, &errOut).Run([]string{"check", "--source", root, "--format", "json"}); code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if doc := decodeStrict(t, out.Bytes()); doc.MinPerspicuity != 62.5 || doc.MaxGrade != 7.5 {
		t.Errorf("minPerspicuity = %v, maxGrade = %v; want 62.5, 7.5", doc.MinPerspicuity, doc.MaxGrade)
	}
}
