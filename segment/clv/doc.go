// Package clv predicts how many purchases each customer will make, how
// likely they are to still be a customer, what they will spend and so
// their customer lifetime value (CLV), with the "buy till you die" models
// that Python's lifetimes and pymc-marketing made standard:
//
//   - [BGNBD], the beta-geometric/negative binomial model of Fader, Hardie
//     and Lee (2005): while alive, a customer buys at their own steady
//     rate; after each repeat purchase they may leave for good. From a
//     customer's frequency, recency and age it gives [BGNBD.PAlive] and
//     [BGNBD.ExpectedPurchases].
//   - [GammaGamma], the model of spend per purchase (Fader, Hardie and
//     Lee, 2005; Fader and Hardie, 2013): [GammaGamma.ExpectedAverageValue]
//     shrinks a customer's own average spend towards the population's,
//     the more the fewer purchases it rests on.
//   - [Predictor] combines them over a [Horizon] with a discount rate into
//     a [Prediction]: P(alive), expected purchases, expected spend, CLV.
//
// Instead of a fixed rule such as "no purchase for 90 days means asleep",
// these models judge each silence against the customer's own rhythm: 90
// days is nothing for someone who buys twice a year and alarming for a
// weekly buyer.
//
// # Data
//
// The models take [segment.Summary] rows, which [segment.Ledger.Summaries]
// builds from an order log with the definitions of lifetimes'
// summary_data_from_transaction_data: Frequency is the number of repeat
// purchase days, Recency the time from the first to the last purchase, T
// the time from the first purchase to the as-of date, MonetaryValue the
// mean amount of the repeat purchases. Recency, T, α and horizons are in
// one time unit, the one the summaries were made in (days or weeks);
// money is in the currency of the amounts. [CheckSummaries] says which
// rows the models cannot take.
//
// # One-time buyers
//
// A customer with Frequency 0 bought once and never came back. BG/NBD
// lets a customer drop out only right after a repeat purchase, so for
// such a customer [BGNBD.PAlive] is exactly 1, however long ago the one
// purchase was. This is how the model is defined (lifetimes gives the same
// 1, which often surprises its users), not a claim that they are
// certainly active. What does fall with a long silence is their
// purchase rate, and so [BGNBD.ExpectedPurchases] and the CLV: rank and
// target one-time buyers by those, not by P(alive). Their expected spend
// is the population mean, [GammaGamma.Mean].
//
// # Fitting
//
// [FitBGNBD] and [FitGammaGamma] (or [Fit], both) find the maximum
// likelihood parameters with a Nelder-Mead search over the logarithms of
// the parameters, restarted until it stops improving. Fits are
// deterministic: the same rows, in any order, give the same parameters bit
// for bit, whatever the number of cores. They refuse data that cannot
// support them with an error saying why: too few customers
// ([ErrTooFewCustomers]), no repeat buyer ([ErrNoRepeatBuyers]), a
// parameter running off to zero or infinity ([ErrUnidentified]), no
// convergence ([ErrNotConverged]), or a bad row, named by customer and
// field ([segment.FieldError]).
//
// Gamma-Gamma is fitted on the repeat buyers only, and assumes that how
// much a customer spends per purchase does not depend on how often they
// buy; check it with [SpendCorrelation] before trusting the CLV. It
// refuses a repeat buyer whose mean spend is zero or negative (returns,
// free orders), naming the customer: filter them out or fix their amounts
// first.
//
// On the CDNOW sample of the papers (testdata/cdnow_summary.csv, 2,357
// customers, weeks) the fits reproduce the published parameters to every
// digit published: r = 0.243, α = 4.414, a = 0.793, b = 2.426,
// log-likelihood -9582.4; p = 6.25, q = 3.74, v = 15.44 (15.45 in
// lifetimes).
//
// # Accuracy
//
// P(alive) and the likelihoods are closed forms computed in logarithms.
// Expected purchases need an expectation over the dropout probability;
// the paper's closed form for it (equation 10) uses the Gauss
// hypergeometric function and divides by a-1, which loses all precision
// for a near 1, where fits often land, and converges slowly for long
// horizons. This package computes the same expectation by
// double-exponential quadrature instead: within 1e-10 of the closed form
// evaluated at 40 digits, for any a, b and horizon, including a = 1.
package clv
