// Package perception tells the way a customer prefers to take in
// information, after "classification by way of perceiving information" of
// the source article:
//
//   - [Visual] (Визуал): judges by the look of things: photos, video,
//     presentations, design; rarely reads long texts. Show, don't tell.
//   - [Auditory] (Аудиал): listens and talks: audio, podcasts, calls,
//     webinars. Let them listen and give them someone to talk to.
//   - [Kinesthetic] (Кинестетик): needs to touch, taste or try: samples,
//     tastings, test drives, master classes. Let them try.
//
// [Channel.Advice] returns the content formats to use (and, for visuals,
// what to avoid) as data, in English and Russian, for the strategy layer.
//
// # Evidence
//
// The evidence is the customer's engagement by content format, from the
// CRM signals: video_views and image_views for Visual; audio_plays, calls
// and webinars for Auditory; store_visits, samples, tastings, test_drives
// and master_classes for Kinesthetic. Each engagement counts with the
// format's weight in [Weights] (a test drive counts more than a glance at a
// photo gallery), and a channel's score is its weighted share of the
// customer's engagement. An unknown format is left out of the shares: it
// is never counted as zero engagement, it only lowers the confidence. A
// negative count is treated as unknown.
//
// Record 0 for a format the shop offers and the customer did not use, and
// leave a format unknown when the shop does not record it: only then can
// the confidence tell "not interested" from "not measured".
//
// # Labels and confidence
//
// The source warns that the channel is hard to determine and changes with
// the situation, so the package names one only on enough evidence:
//
//   - with fewer than Config.MinEngagements engagements (default 5) the
//     primary stays Unknown, whatever the shares: two video views make
//     nobody a visual;
//   - the primary is the channel with the largest share, if that share
//     reaches Config.MinShare (default 0.4); otherwise no channel leads and
//     the primary stays Unknown. Ties go to the channel with more raw
//     engagements, then to the order visual, auditory, kinesthetic;
//   - the secondary is the next channel, if its share reaches
//     Config.SecondaryShare (default 0.25): people switch channels.
//
// The scores (the shares) are reported even when the primary is Unknown,
// so a caller can still see which way thin evidence leans.
//
// Confidence is the product of three factors, each in [0, 1]: the amount
// of evidence (engagements over Config.ConfidentEngagements, default 30),
// the channels observed (how many of the three have at least one known
// format; a channel never measured cannot be compared), and the margin
// (from 0.5 with the top two channels even to 1 when the leader is ahead
// by Config.ClearMargin, default 0.25). Six video views with nothing else
// known give a visual at confidence 0.2 × 1/3 × 1 ≈ 0.07.
package perception
