package report

import "github.com/clientele-go/clientele/segment"

// texts are the report's own words in one language; labels come from the
// typologies' tables.
type texts struct {
	Title, Contents, Numbers                     string
	Customers, Buyers, Revenue, AOV, AsOf        string
	Compared, Source, Classified, Rejected       string
	NoData, NoDataLong, NoCustomersIn            string
	Label, Share, RevenueShare, MeanRevenue      string
	Recency, Confidence, Tagged, Occasions       string
	CustomersBar, RevenueBar, EmptyLabels        string
	OfRevenue, Total, MostCustomers, MostRevenue string
	Funnel, FunnelDesc, Lapsed, Unknown          string
	Grid, GridDesc, RecencyAxis, FreqAxis        string
	Unscored, MeanM, Cell                        string
	Movement, MovementDesc, From, To             string
	Joined, Left, Stayed, Moved                  string
	JoinedHead, LeftHead                         string
	BarsDesc, Footer                             string
	Typologies                                   [nTypologies]string
}

// The typologies in the order the report shows them.
const (
	tSegments = iota
	tRFM
	tRungs
	tDISC
	tSABONE
	tPerception
	tDecision
	tLoyalty
	nTypologies
)

var english = texts{
	Title:         "Customer base",
	Contents:      "Contents",
	Numbers:       "The numbers",
	Customers:     "customers",
	Buyers:        "buyers",
	Revenue:       "net revenue",
	AOV:           "average order value",
	AsOf:          "as of",
	Compared:      "compared with",
	Source:        "Source",
	Classified:    "classified",
	Rejected:      "rejected",
	NoData:        "No data",
	NoDataLong:    "There are no customers to report on: the input is empty, or every customer's first order comes after the as-of date.",
	NoCustomersIn: "No customers were counted in this typology.",
	Label:         "Label",
	Share:         "share of customers",
	RevenueShare:  "share of revenue",
	MeanRevenue:   "mean revenue",
	Recency:       "days since last purchase (mean)",
	Confidence:    "confidence (mean)",
	Tagged:        "tagged",
	Occasions:     "purchases (mean)",
	CustomersBar:  "customers (share of the base)",
	RevenueBar:    "share of net revenue",
	EmptyLabels:   "No customers",
	OfRevenue:     "of revenue",
	Total:         "Total",
	MostCustomers: "Most customers",
	MostRevenue:   "Largest share of revenue",
	Funnel:        "Loyalty ladder",
	FunnelDesc:    "Customers on each rung of the loyalty ladder, from potential customers at the top to partners at the bottom; lapsed customers, who climbed and then stopped buying, are shown apart.",
	Lapsed:        "Not on the ladder",
	Unknown:       "Unknown",
	Grid:          "RFM grid",
	GridDesc:      "Customers by recency score (rows, 5 = bought most recently) and frequency score (columns, 5 = buys most often); the darker the cell, the more customers. M is the cell's mean monetary score.",
	RecencyAxis:   "Recency score",
	FreqAxis:      "Frequency score",
	Unscored:      "without an RFM score (no purchase yet)",
	MeanM:         "M",
	Cell:          "cell",
	Movement:      "Movement",
	MovementDesc:  "How many customers went from each label (rows, earlier date) to each label (columns, later date). Blue cells on the diagonal stayed; orange cells moved.",
	From:          "from",
	To:            "to",
	Joined:        "joined",
	JoinedHead:    "Joined",
	LeftHead:      "Left",
	Left:          "left",
	Stayed:        "stayed",
	Moved:         "moved",
	BarsDesc:      "For each label, the bar shows how many customers carry it and the thinner bar below shows their share of the net revenue.",
	Footer:        "Made by clientele. Every figure is also in the table under its chart.",
	Typologies: [nTypologies]string{
		"Behavioural segments", "RFM segments", "Loyalty ladder", "DISC style",
		"SABONE", "Perception channel", "Decision style", "Loyalty kind",
	},
}

var russian = texts{
	Title:         "Клиентская база",
	Contents:      "Содержание",
	Numbers:       "Цифры",
	Customers:     "клиентов",
	Buyers:        "покупателей",
	Revenue:       "чистая выручка",
	AOV:           "средний чек",
	AsOf:          "на дату",
	Compared:      "в сравнении с",
	Source:        "Источник",
	Classified:    "классифицировано",
	Rejected:      "отклонено",
	NoData:        "Нет данных",
	NoDataLong:    "Отчитываться не о ком: вход пуст, или первый заказ каждого клиента позже даты отчёта.",
	NoCustomersIn: "В этой типологии не учтено ни одного клиента.",
	Label:         "Метка",
	Share:         "доля клиентов",
	RevenueShare:  "доля выручки",
	MeanRevenue:   "средняя выручка",
	Recency:       "дней с последней покупки (среднее)",
	Confidence:    "уверенность (средняя)",
	Tagged:        "с меткой",
	Occasions:     "покупок (среднее)",
	CustomersBar:  "клиенты (доля базы)",
	RevenueBar:    "доля чистой выручки",
	EmptyLabels:   "Нет клиентов",
	OfRevenue:     "выручки",
	Total:         "Итого",
	MostCustomers: "Больше всего клиентов",
	MostRevenue:   "Наибольшая доля выручки",
	Funnel:        "Лестница лояльности",
	FunnelDesc:    "Клиенты на каждой ступени лестницы лояльности: сверху потенциальные клиенты, внизу партнёры; неактивные клиенты, которые поднялись и перестали покупать, показаны отдельно.",
	Lapsed:        "Вне лестницы",
	Unknown:       "Не определено",
	Grid:          "RFM-сетка",
	GridDesc:      "Клиенты по баллу давности (строки, 5 = покупали недавно) и баллу частоты (столбцы, 5 = покупают чаще всех); чем темнее ячейка, тем больше клиентов. M — средний денежный балл ячейки.",
	RecencyAxis:   "Балл давности",
	FreqAxis:      "Балл частоты",
	Unscored:      "без RFM-балла (ещё нет покупок)",
	MeanM:         "M",
	Cell:          "ячейка",
	Movement:      "Переходы",
	MovementDesc:  "Сколько клиентов перешло из каждой метки (строки, прошлая дата) в каждую метку (столбцы, текущая дата). Синие ячейки на диагонали остались на месте, оранжевые перешли.",
	From:          "из",
	To:            "в",
	Joined:        "появились",
	JoinedHead:    "Появились",
	LeftHead:      "Выбыли",
	Left:          "выбыли",
	Stayed:        "остались",
	Moved:         "перешли",
	BarsDesc:      "Для каждой метки полоса показывает, сколько клиентов её носят, а тонкая полоса под ней — их долю в чистой выручке.",
	Footer:        "Подготовлено clientele. Все цифры есть и в таблице под каждой диаграммой.",
	Typologies: [nTypologies]string{
		"Поведенческие сегменты", "RFM-сегменты", "Лестница лояльности", "Стиль DISC",
		"SABONE", "Канал восприятия", "Стиль решения", "Вид лояльности",
	},
}

func textsFor(l segment.Lang) *texts {
	if l == segment.Russian {
		return &russian
	}
	return &english
}
