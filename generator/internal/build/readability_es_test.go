package build_test

import (
	"strings"
	"testing"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/config"
	"clinicgen/generator/internal/readability"
)

// TestReadabilityWarningsSpanish: a Spanish page's figures are judged by
// readability.minPerspicuity (default 55), an English page's by maxGrade,
// each with its own warning code.
func TestReadabilityWarningsSpanish(t *testing.T) {
	const esHard = "La administración intravenosa de medicamentos antiinflamatorios requiere supervisión profesional continuada. " +
		"Las complicaciones cardiovasculares asociadas necesitan evaluación especializada inmediata en establecimientos hospitalarios acreditados. " +
		"El tratamiento debe administrarse exclusivamente bajo vigilancia médica permanente y documentada por profesionales sanitarios cualificados."
	es := readability.MeasureLang("es", esHard) // perspicuity -44.6
	en := readability.Measure(strings.ReplaceAll(hardPage[strings.Index(hardPage, "Medication"):], "**", ""))
	esEasy := readability.MeasureLang("es", "La clínica abre de lunes a viernes. Puede llamar por teléfono para pedir una cita. "+
		"Si tiene dolor en el pecho, llame al 911 de inmediato. Nuestro equipo habla español y le puede ayudar.") // 77.4
	figs := []build.Figures{{Path: "content/a.es.md", Stats: es}, {Path: "content/b.md", Stats: en}, {Path: "content/c.es.md", Stats: esEasy}}
	tests := []struct {
		name      string
		cfg       config.Readability
		wantCodes []string
	}{
		{"defaults", config.Readability{}, []string{"readability-perspicuity", "readability-grade"}},
		{"English target met", config.Readability{MaxGrade: 30}, []string{"readability-perspicuity"}},
		{"a higher Spanish target", config.Readability{MaxGrade: 30, MinPerspicuity: 80}, []string{"readability-perspicuity", "readability-perspicuity"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Default()
			cfg.Readability = tt.cfg
			p := &build.Project{Config: &cfg}
			var codes []string
			for _, d := range p.ReadabilityWarnings(figs) {
				codes = append(codes, d.Code)
			}
			if strings.Join(codes, " ") != strings.Join(tt.wantCodes, " ") {
				t.Errorf("codes = %v, want %v", codes, tt.wantCodes)
			}
		})
	}
}
