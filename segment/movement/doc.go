// Package movement tells who moved between two segmentations of a
// customer base: a transition matrix per typology (how many regulars are
// still regular, how many went to sleep, who joined, who left) and an
// event per customer who changed, with the reasons on both sides, in
// English or Russian:
//
//	C42 moved from Regular customer to Lapsed customer on 2025-09-30 (Loyalty ladder; previous snapshot 2025-03-31)
//	  was: lapsed: days since last purchase = 6 > 180 (lapsed_days) — no
//	  now: lapsed: days since last purchase = 189 > 180 (lapsed_days) — yes
//
//	клиент C42 перешёл из «Постоянный клиент» в «Неактивный клиент» на 30.09.2025 (Лестница лояльности; прошлый срез 31.03.2025)
//	  было: lapsed: дней с последней покупки = 6 > 180 (lapsed_days) — нет
//	  стало: lapsed: дней с последней покупки = 189 > 180 (lapsed_days) — да
//
// It is a package of its own, apart from segment/batch whose engine it
// uses, because it has its own vocabulary (snapshots, a file format,
// events) and its own users: a CRM that only diffs last month's saved
// snapshot with tonight's needs none of the batch runner's API.
//
// # Two ways to compare
//
// Over one order log: [Between] profiles every customer of a
// [segment.Ledger] on two as-of dates and classifies both in one parallel
// pass. The reasons of an event come from Explain on the two profiles.
//
// Between saved result sets: [Take] classifies a base into a [Snapshot]
// (customer id → label per typology, and optionally the reasons), which
// [Snapshot.WriteTo] saves as JSON Lines and [ReadSnapshot] reads back.
// [Compare] gives the matrices and events of two snapshots; customers in
// only one of them have joined or left.
//
// # Typologies
//
// A [Typology] wraps one typology's label table and classifier with the
// label type erased, so the loyalty ladder, RFM and DISC go in one list:
//
//	ts := []*movement.Typology{
//		movement.Of(segment.LabelInfo{Name: "rung", EN: "Loyalty ladder", RU: "Лестница лояльности"}, ladder.Rungs, rungs),
//		movement.Of(segment.LabelInfo{Name: "decision", EN: "Decision style", RU: "Стиль решения"}, decision.Styles, styles),
//	}
//
// Movement follows each typology's primary label. Labels are stored by
// name, and a saved label a typology no longer knows is an error, never a
// silent "unknown".
package movement
