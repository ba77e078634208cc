// Package strategy turns a customer's classification into a playbook: what
// to do next, how, and why. It is what a marketer actually uses.
//
// # The pieces
//
//   - The action catalogue ([DefaultCatalogue]): every strategy of the
//     source articles — the eight customer-marketing strategies, the
//     effective strategies, the seven detailed ones, funnel retention, the
//     treatments per customer type and the attract-and-retain steps — as
//     actions with a stable id, English and Russian title and description,
//     channel, content format, cost class and kind.
//   - Treatments: rules from a typology result ("rung is regular",
//     "segment has the tag sleeping") to a candidate action with a weight.
//   - Conflict rules: explicit resolutions where recommendations pull
//     apart (a budget buyer who is also gold; a fan who just complained).
//   - Guards from the attract-and-retain article and the risk flags, which
//     no treatment overrides: a contact cap ("do not be pushy"); discounts
//     only for budget buyers and at the moment a customer is leaving;
//     nothing spent on retention when the need itself is gone; unhappy
//     customers asked what went wrong and given a sincere apology and a
//     fix first; limited investment and clear boundaries for customers
//     better not to work with; a retention budget scaled by the
//     customer's value (Classification.Value, their CLV, when known),
//     capped per customer ([Guards] says how).
//
// All of it is data ([Defaults], embedded as JSON): users add, remove and
// re-weight actions and rules as Go values or as JSON ([Config], [Patch]),
// validated like every configuration in clientele.
//
// # The playbook
//
// [Engine.Plan] gives, for one [Classification], a [Playbook]: the
// objective (normally the next rung of the loyalty ladder in concrete
// terms), ranked actions each with the rules that put it there, the tone
// (from DISC), the format (from the perception channel), the framing (from
// the decision style), the lever (from the loyalty kind), what to avoid and
// why, the contact cap and the retention budget. Texts come in English and
// Russian. [Engine.PlanInto] reuses a playbook, so planning for a whole base
// allocates nothing per customer; playbooks point into the catalogue
// instead of copying its texts.
package strategy
