package ingest_test

import (
	"fmt"
	"strings"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

func ExampleLoadOrders() {
	export := `customer_id,date,amount
anna,2025-03-01,120.00
anna,2025-03-01,-20.00
boris,2025-03-02,"1,5"
boris,2025-03-05,80.50
`
	l := segment.NewLedger(nil)
	st, err := ingest.LoadOrders(strings.NewReader(export), l, nil, true)
	fmt.Println(err)
	fmt.Printf("rows %d = loaded %d + skipped %d\n", st.Rows, st.Loaded, st.Skipped)
	fmt.Println(st.Errors[0])
	// Output:
	// <nil>
	// rows 4 = loaded 3 + skipped 1
	// ingest: line 4, column "amount", value "1,5": not an amount with '.' decimals (a comma is not a decimal separator here)
}

func ExampleLoadSignals() {
	crm := "customer_id,referrals,complaints\nanna,3,0\ncarl,,1\n"
	l := segment.NewLedger(nil)
	if _, err := ingest.LoadSignals(strings.NewReader(crm), l, nil, false); err != nil {
		fmt.Println(err)
	}
	profiles, _ := l.Profiles(segment.MustParseDate("2025-03-31"))
	for _, p := range profiles {
		fmt.Println(p.ID, "referrals:", p.Signals.Referrals, "complaints:", p.Signals.Complaints)
	}
	// Output:
	// anna referrals: 3 complaints: 0
	// carl referrals: unknown complaints: 1
}
