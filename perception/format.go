package perception

import (
	"math"

	"github.com/clientele-go/clientele/segment"
)

// formatID names a content format; it indexes [formats].
type formatID uint8

// The content formats, grouped by channel. Reasons come out in this order.
const (
	videoViews formatID = iota
	imageViews
	audioPlays
	calls
	webinars
	storeVisits
	samples
	tastings
	testDrives
	masterClasses
	numFormats
)

// format is one content format whose engagement is evidence for a channel.
type format struct {
	channel Channel
	rule    string // reason rule id
	field   string // the signal, as named in segment.Fields
}

var formats = [numFormats]format{
	videoViews:    {Visual, "visual.video_views", "video_views"},
	imageViews:    {Visual, "visual.image_views", "image_views"},
	audioPlays:    {Auditory, "auditory.audio_plays", "audio_plays"},
	calls:         {Auditory, "auditory.calls", "calls"},
	webinars:      {Auditory, "auditory.webinars", "webinars"},
	storeVisits:   {Kinesthetic, "kinesthetic.store_visits", "store_visits"},
	samples:       {Kinesthetic, "kinesthetic.samples", "samples"},
	tastings:      {Kinesthetic, "kinesthetic.tastings", "tastings"},
	testDrives:    {Kinesthetic, "kinesthetic.test_drives", "test_drives"},
	masterClasses: {Kinesthetic, "kinesthetic.master_classes", "master_classes"},
}

// engagement is a customer's engagement with one format.
type engagement struct {
	count  float64
	weight float64
	known  bool
}

// measure reads every format's engagement and weight, for the reasons of
// the Explain path; totals.addProfile reads the same, in the same order,
// and counts each as it comes. It is straight-line code rather than a
// function value per format: a call through a function value would make
// the caller's profile escape to the heap, so Classify would allocate
// after all.
func measure(s *segment.Signals, w *Weights, out *[numFormats]engagement) {
	out[videoViews] = engagementOf(s.VideoViews, w.VideoViews)
	out[imageViews] = engagementOf(s.ImageViews, w.ImageViews)
	out[audioPlays] = engagementOf(s.AudioPlays, w.AudioPlays)
	out[calls] = engagementOf(s.Calls, w.Calls)
	out[webinars] = engagementOf(s.Webinars, w.Webinars)
	out[storeVisits] = engagementOf(s.StoreVisits, w.StoreVisits)
	out[samples] = engagementOf(s.Samples, w.Samples)
	out[tastings] = engagementOf(s.Tastings, w.Tastings)
	out[testDrives] = engagementOf(s.TestDrives, w.TestDrives)
	out[masterClasses] = engagementOf(s.MasterClasses, w.MasterClasses)
}

// engagementOf is the engagement counted by o, with its weight. A negative
// count cannot come from a valid profile (see [segment.Profile.Validate])
// and is treated as unknown.
func engagementOf(o segment.Opt[int], weight float64) engagement {
	v, ok := o.Get()
	// Known and not negative as bits, not && (a branch): which counts are
	// known varies from customer to customer.
	return engagement{float64(v), weight, b2u(ok)&b2u(v >= 0) != 0}
}

// b2u is 1 for true: a comparison turned into a number, without a branch.
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// reason returns the engagement with format id as data: a fact, held when
// the customer engaged at all.
func (e *engagement) reason(id formatID) segment.Reason {
	f := &formats[id]
	r := segment.Reason{Rule: f.rule, Label: f.channel.String(), Field: f.field, Known: e.known, Held: e.known && e.count > 0}
	if e.known {
		r.Value = e.count
	}
	return r
}

// finite reports whether x is a finite number.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
