package main

import (
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/strategy"
)

// Columns are the columns of the rows the pipeline writes: those of the
// shop CLI's -out segments (but its language-dependent next_step). r, f
// and m are empty for a customer RFM cannot score; tags are
// semicolon-separated.
var Columns = []string{"customer_id", "r", "f", "m", "rfm_segment", "segment", "tags", "rung",
	"disc", "sabone", "perception", "decision", "loyalty"}

// Row returns the cells of one customer's row, classified by cs into c.
func Row(cs *strategy.Classifiers, c *strategy.Classification) []string {
	p := c.Profile
	code := cs.RFM.Code(p)
	score := func(s uint8) string {
		if s == 0 {
			return ""
		}
		return strconv.Itoa(int(s))
	}
	var tags []string
	for _, t := range c.Segment.Tags.Labels() {
		tags = append(tags, behavior.Types.Name(t))
	}
	return []string{
		p.ID, score(code.R), score(code.F), score(code.M),
		cs.RFM.Map().Name(c.RFM.Primary),
		behavior.Types.Name(c.Segment.Primary),
		strings.Join(tags, ";"),
		ladder.Rungs.Name(c.Rung.Primary),
		disc.Styles.Name(c.DISC.Primary),
		sabone.Categories.Name(c.SABONE.Primary),
		perception.Channels.Name(c.Perception.Primary),
		decision.Styles.Name(c.Decision.Primary),
		loyalty.Kinds.Name(c.Loyalty.Primary),
	}
}
