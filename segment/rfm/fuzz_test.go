package rfm_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
)

func FuzzParseMap(f *testing.F) {
	def, _ := json.Marshal(rfm.DefaultPartition())
	for _, seed := range []string{rPackageRules, string(def), `{"rules":[{"segment":"A"}]}`, `{"fallback":"x","rules":[{"segment":"B","r":[2,3],"m":[5,5]}]}`,
		`{"segments":[{"segment":"A","codes":["555"]}]}`, `{"rules":[{"segment":"A","f":[4,2]}]}`, `[]`, `{}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := rfm.ParseMap(data)
		if err != nil {
			return
		}
		for _, finding := range m.Findings() {
			_ = finding.String()
			_ = finding.Text(segment.Russian)
			if _, err := json.Marshal(finding); err != nil {
				t.Errorf("finding does not marshal: %v", err)
			}
		}
		for _, c := range allCodes() {
			if s := m.Segment(c); !m.Labels().Valid(s) {
				t.Errorf("code %s: segment %d out of the map's labels", c, s)
			}
		}
		// The map's partition, where complete, compiles to the same map.
		if pm, err := m.Partition().Compile(); err == nil {
			for _, c := range allCodes() {
				if pm.Name(pm.Segment(c)) != m.Name(m.Segment(c)) {
					t.Errorf("code %s: %s through Partition, %s before", c, pm.Name(pm.Segment(c)), m.Name(m.Segment(c)))
				}
			}
		}
	})
}

func FuzzParseRules(f *testing.F) {
	f.Add([]byte(rPackageRules))
	f.Add([]byte(`{"rules":[{"segment":"A","r":[1,5]},{"segment":" b ","f":[3,3]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := rfm.ParseRules(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(rs)
		if err != nil {
			t.Fatalf("valid rules do not marshal: %v", err)
		}
		back, err := rfm.ParseRules(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if diff := cmp.Diff(rs, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	})
}

func FuzzParsePartition(f *testing.F) {
	def, _ := json.Marshal(rfm.DefaultPartition())
	f.Add(def)
	f.Add([]byte(`{"segments":[{"segment":"A","codes":["555","111"]},{"segment":"B","codes":["111"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := rfm.ParsePartition(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("valid partition does not marshal: %v", err)
		}
		back, err := rfm.ParsePartition(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if diff := cmp.Diff(p, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
		if _, err := p.Check(); err != nil {
			t.Errorf("Check of a parsed partition: %v", err)
		}
	})
}

func FuzzParseModel(f *testing.F) {
	f.Add([]byte(`{"monetary_basis":"average_order_value","recency":[3,3,40,200],"frequency":[1,1,1,2],"monetary":[-5,0.5,20,20]}`))
	f.Add([]byte(`{"recency":[1,2,3,4],"frequency":[1,2,3,4],"monetary":[1,2,3,4]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := rfm.ParseModel(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("valid model does not marshal: %v", err)
		}
		back, err := rfm.ParseModel(b)
		if err != nil || back != m {
			t.Errorf("round trip of %s: %+v, %v", b, back, err)
		}
		c, err := rfm.New(m, nil)
		if err != nil {
			t.Fatalf("New rejects a parsed model: %v", err)
		}
		p := customer("c", 45, 3, 120)
		if code := c.Code(&p); !code.Valid() {
			t.Errorf("code %s", code)
		}
	})
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(`{"monetary_basis":"average_order_value","recency":[30,90,180,365]}`))
	f.Add([]byte(`{"frequency":[1,2,3,5],"monetary":[-1,0,1e3,1e9]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := rfm.ParseConfig(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(cfg)
		if err != nil {
			t.Fatalf("valid config does not marshal: %v", err)
		}
		back, err := rfm.ParseConfig(b)
		if err != nil {
			t.Fatalf("round trip of %s: %v", b, err)
		}
		if diff := cmp.Diff(cfg, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
		if _, err := rfm.NewFitter(&cfg, 0); err != nil {
			t.Errorf("NewFitter rejects a parsed config: %v", err)
		}
	})
}

// A distribution from JSON either fails validation or fits without
// panicking to a valid model.
func FuzzDistribution(f *testing.F) {
	f.Add([]byte(`{"recency":{"values":[0,5],"counts":[1,2]},"frequency":{"values":[1],"counts":[3]},"monetary":{"values":[10,20,30],"counts":[1,1,1]},"unscored":4}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d rfm.Distribution
		if json.Unmarshal(data, &d) != nil || d.Validate() != nil {
			return
		}
		m, _, err := d.Fit(nil)
		if err != nil {
			return
		}
		if err := m.Validate(); err != nil {
			t.Errorf("fitted an invalid model: %v", err)
		}
	})
}
