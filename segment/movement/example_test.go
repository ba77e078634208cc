package movement_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/movement"
)

// Who moved between the end of March and the end of June, from one order
// log: a customer who compared offers before a first purchase and then
// kept buying on impulse went from Combined to Emotional; a customer with
// no CRM record joined with his first order.
func ExampleBetween() {
	l := segment.NewLedger(nil)
	d := segment.MustParseDate
	for _, o := range []segment.Order{
		{Customer: "anna", Date: d("2025-03-10"), Amount: 80},
		{Customer: "anna", Date: d("2025-04-12"), Amount: 35},
		{Customer: "anna", Date: d("2025-05-03"), Amount: 20},
		{Customer: "anna", Date: d("2025-06-21"), Amount: 45},
		{Customer: "boris", Date: d("2025-05-20"), Amount: 300}, // no CRM signals: joins on his first order
	} {
		_ = l.Add(o)
	}
	_ = l.SetSignals("anna", segment.Signals{ComparisonsViewed: segment.Some(2), ImpulsePurchases: segment.Some(2)})

	styles, _ := decision.New(nil)
	ts := []*movement.Typology{
		movement.Of(segment.LabelInfo{Name: "decision", EN: "Decision style", RU: "Стиль принятия решений"}, decision.Styles, styles),
	}
	ms, _, err := movement.Between(context.Background(), l, d("2025-03-31"), d("2025-06-30"), ts,
		func(e *movement.Event) error {
			fmt.Print(e.Text(segment.English))
			return nil
		}, nil)
	fmt.Println(err)
	m := ms[0]
	fmt.Printf("%s: %d stayed, %d moved, %d joined\n", m.Typology.EN, m.Stayed(), m.Moved(), m.TotalJoined())
	// Output:
	// anna moved from Combined to Emotional on 2025-06-30 (Decision style; previous snapshot 2025-03-31)
	//   was: rational: comparisons viewed = 2 >= 2 (comparisons) — yes
	//   now: rational: comparisons viewed = 0.5 >= 2 (comparisons) — no
	//   was: combined: the lower of the rational and emotional scores = 1 >= 0.5 (combined_min) — yes
	//   now: combined: the lower of the rational and emotional scores = 0.25 >= 0.5 (combined_min) — no
	// boris joined as Unknown on 2025-06-30 (Decision style; not in the snapshot of 2025-03-31)
	// <nil>
	// Decision style: 0 stayed, 1 moved, 1 joined
}

// Snapshots saved by last month's run and taken tonight: the transition
// matrix and the events, with the reasons the snapshots keep.
func ExampleCompare() {
	styles, _ := decision.New(nil)
	ts := []*movement.Typology{
		movement.Of(segment.LabelInfo{Name: "decision", EN: "Decision style", RU: "Стиль принятия решений"}, decision.Styles, styles),
	}
	profile := func(id, asOf string, comparisons, impulse int) segment.Profile {
		day := segment.MustParseDate(asOf)
		p := segment.Profile{ID: id, AsOf: day, Occasions: 2, Orders: 2, Revenue: 100, First: day.AddDays(-30), Last: day}
		p.Signals.ComparisonsViewed, p.Signals.ImpulsePurchases = segment.Some(comparisons), segment.Some(impulse)
		return p
	}
	opts := &movement.Options{Reasons: true}

	// Last month: taken and saved.
	may := []segment.Profile{profile("c1", "2025-05-31", 6, 0), profile("c2", "2025-05-31", 0, 2)}
	old, _, _ := movement.Take(context.Background(), batch.FromSlice(may), ts, opts)
	var saved bytes.Buffer
	_, _ = old.WriteTo(&saved)

	// Tonight: taken, compared with the saved one.
	june := []segment.Profile{profile("c1", "2025-06-30", 6, 2), profile("c3", "2025-06-30", 1, 0)}
	cur, _, _ := movement.Take(context.Background(), batch.FromSlice(june), ts, opts)
	prev, err := movement.ReadSnapshot(&saved)
	fmt.Println(err)
	ms, _ := movement.Compare(prev, cur, ts, func(e *movement.Event) error {
		fmt.Print(e.Text(segment.Russian))
		return nil
	})
	m := ms[0]
	fmt.Println("rational -> combined:", m.Counts[decision.Rational][decision.Combined], "joined:", m.TotalJoined(), "left:", m.TotalLeft())
	// Output:
	// <nil>
	// клиент c1 перешёл из «Рациональный» в «Комбинированный» на 30.06.2025 (Стиль принятия решений; прошлый срез 31.05.2025)
	//   было: emotional: импульсных покупок = 0 >= 0.3 (impulse_share) — нет
	//   стало: emotional: импульсных покупок = 1 >= 0.3 (impulse_share) — да
	//   было: combined: меньшая из рациональной и эмоциональной оценок = 0 >= 0.5 (combined_min) — нет
	//   стало: combined: меньшая из рациональной и эмоциональной оценок = 1 >= 0.5 (combined_min) — да
	// клиент c3 появился с меткой «Рациональный» на 30.06.2025 (Стиль принятия решений; в срезе 31.05.2025 его не было)
	//   стало: rational: просмотров сравнений = 0.5 >= 2 (comparisons) — нет
	//   стало: rational: прочитанных статей и спецификаций неизвестно (порог >= 2, spec_reads) — нет
	//   стало: rational: дней от первого просмотра до покупки неизвестно (порог >= 7, deliberate_days) — нет
	// клиент c2 выбыл на 30.06.2025; на 31.05.2025 был в сегменте «Эмоциональный» (Стиль принятия решений)
	//   было: emotional: импульсных покупок = 1 >= 0.3 (impulse_share) — да
	// rational -> combined: 1 joined: 1 left: 1
}
