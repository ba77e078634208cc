// Package segmenttest is the test kit for classifiers, in the spirit of
// testing/slogtest: checks that any [segment.Classifier] must pass, and
// table helpers with which you unit-test your own customised rules.
//
// # Conformance
//
// [Conformance] runs a classifier over the zero profile, extreme and
// inconsistent profiles (NaN and huge values, dates out of order) and a few
// hundred generated ones, and reports every broken law: a panic, a
// non-deterministic result, a modified profile, a label out of range,
// scores that are not finite or do not agree with the primary label, a
// confidence outside [0, 1], an Explain that disagrees with Classify, a
// reason on a derived input (one not in [segment.Fields]) without its
// English and Russian titles, or a different answer under concurrent use. Typology packages run it in their
// own tests; run it on yours:
//
//	func TestMyClassifier(t *testing.T) {
//		segmenttest.TestConformance(t, myClassifier, myLabels)
//	}
//
// # Tables
//
// [Run] (and [Check], its error-returning twin for use outside tests)
// checks a table of [Case]s: a profile, the label you expect and why. A
// failure prints the classifier's explanation, so a broken rule tells you
// which threshold it crossed.
package segmenttest
