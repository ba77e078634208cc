// Package decision tells how a customer makes up their mind, after the
// "types by decision method" of the source article:
//
//   - [Rational]: decides on facts; compares alternatives, reads
//     specifications, takes time. Give comparison tables, numbers,
//     guarantees.
//   - [Emotional]: decides on feeling, mood and intuition; buys on impulse,
//     is moved by beautiful photos and heartfelt reviews. Give stories,
//     images, social proof.
//   - [Combined]: weighs the facts and listens to the feeling. Give both:
//     the facts, framed by an experience.
//
// # Evidence
//
// Six indicators, each a score in [0, 1] against a threshold in [Config]:
// for rational, comparisons viewed and spec sheets read per purchase, and
// long deliberation (days from first view to purchase); for emotional,
// the share of impulse purchases, quick decisions, and photo and video
// views per purchase. A side's score is the mean of its known indicators;
// unknown signals are left out, never counted as zero.
//
// Combined applies when both sides reach Config.CombinedMin; its score is
// then the higher of the two, so it wins, and otherwise the lower. The
// primary label is the highest score (Combined, then Rational, on ties);
// the secondary is the other style. Confidence is the share of indicators
// known times the primary's score: a customer we know little about gets a
// label with low confidence, never a confident guess.
package decision
