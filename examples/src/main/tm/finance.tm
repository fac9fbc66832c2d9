// Black-Scholes prices of European options over arrays of contracts: a non-ML pipeline.
package dev.tmc.examples.finance;

precision strict;

fn norm_cdf(x) = 0.5 * (1 + erf(x * 0.7071067811865476));

pipeline BlackScholes(spot: f32[N], strike: f32[N], years: f32[N], rate: f32 = 0.02, vol: f32 = 0.3)
    -> (call: f32[N], put: f32[N]) {
  let sqrt_t = sqrt(years);
  let d1 = (log(spot / strike) + (rate + 0.5 * vol * vol) * years) / (vol * sqrt_t);
  let d2 = d1 - vol * sqrt_t;
  let discounted = strike * exp(-rate * years);
  let call = spot * norm_cdf(d1) - discounted * norm_cdf(d2);
  return (call, call - spot + discounted);           // put-call parity
}
