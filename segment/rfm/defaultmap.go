package rfm

import (
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// defaultCodes is the default map as data: each segment lists its codes
// (recency, frequency, monetary), and together they hold each of the 125
// codes exactly once (TestDefaultPartition checks it). The package
// documentation shows it as an R x F grid and gives the reasoning.
var defaultCodes = []struct {
	segment Segment
	codes   string
}{
	{Champions, "555 554 553 545 544 543"},
	{Loyal, "552 551 542 541 " +
		"455 454 453 452 451 445 444 443 442 441 " +
		"355 354 353 352 351 345 344 343 342 341"},
	{PotentialLoyalist, "535 534 533 532 531 525 524 523 522 521 " +
		"435 434 433 432 431 425 424 423 422 421"},
	{NewCustomers, "515 514 513 512 511"},
	{Promising, "415 414 413 412 411"},
	{NeedAttention, "335 334 333 332 331"},
	{AboutToSleep, "325 324 323 322 321 315 314 313 312 311"},
	{AtRisk, "252 251 245 244 243 242 241 235 234 233 232 231 " +
		"152 151 145 144 143 142 141 135 134 133 132 131"},
	{CantLoseThem, "255 254 253 155 154 153"},
	{Hibernating, "225 224 223 222 221 215 214 213 212 211 " +
		"125 124 123 115 114 113"},
	{Lost, "122 121 112 111"},
}

// DefaultPartition returns the default map as explicit code lists, one per
// default segment in segment order, segments by their English titles. It
// is a fresh copy: edit it to derive a map of your own.
func DefaultPartition() Partition {
	var p Partition
	for _, d := range defaultCodes {
		l := CodeList{Segment: d.segment.Title(segment.English)}
		for _, s := range strings.Fields(d.codes) {
			c, err := ParseCode(s)
			if err != nil {
				panic("rfm: default map: " + err.Error())
			}
			l.Codes = append(l.Codes, c)
		}
		p.Segments = append(p.Segments, l)
	}
	return p
}

// defaultMap is compiled once; a broken default table stops the program
// at start-up (and fails the package's tests first).
var defaultMap = func() *Map {
	m, err := DefaultPartition().Compile()
	if err != nil {
		panic(err)
	}
	return m
}()

// DefaultMap returns the map of the eleven default segments. It is shared
// and immutable.
func DefaultMap() *Map { return defaultMap }
