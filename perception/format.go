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

// measure reads every format's engagement and weight. It is straight-line
// code rather than a function value per format: a call through a function
// value would make the caller's profile escape to the heap, so Classify
// would allocate after all. A negative count cannot come from a valid
// profile (see [segment.Profile.Validate]) and is treated as unknown.
func measure(s *segment.Signals, w *Weights, out *[numFormats]engagement) {
	set := func(id formatID, o segment.Opt[int], weight float64) {
		v, ok := o.Get()
		// Known and not negative as bits, not && (a branch): which counts
		// are known varies from customer to customer.
		out[id] = engagement{float64(v), weight, b2u(ok)&b2u(v >= 0) != 0}
	}
	set(videoViews, s.VideoViews, w.VideoViews)
	set(imageViews, s.ImageViews, w.ImageViews)
	set(audioPlays, s.AudioPlays, w.AudioPlays)
	set(calls, s.Calls, w.Calls)
	set(webinars, s.Webinars, w.Webinars)
	set(storeVisits, s.StoreVisits, w.StoreVisits)
	set(samples, s.Samples, w.Samples)
	set(tastings, s.Tastings, w.Tastings)
	set(testDrives, s.TestDrives, w.TestDrives)
	set(masterClasses, s.MasterClasses, w.MasterClasses)
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
