# Independent high-precision reference values for the queueing tests (QueueReferenceTests.swift).
# Erlang C: textbook factorial sums in mpmath at 50 digits (not the B recursion the Swift code uses).
# Erlang A: the M/M/N+M birth-death chain built state by state (truncated far into the tail) at 60 digits;
#   P(abandon) from Little's law on the queue (theta * E[queue] / lambda); SL(T) by conditioning on the number
#   waiting j seen on arrival and integrating each caller's offered-wait density (hypo-exponential, rates
#   N*mu + i*theta, i = j..0) against its own patience with mpmath.quad; ASA likewise.
# Run: python3 erlang_reference.py
from mpmath import mp, mpf, factorial, exp, quad, inf, nsum

def erlang_c(A, N, T, aht):
    mp.dps = 50
    A = mpf(A); T = mpf(T); aht = mpf(aht)
    s = nsum(lambda k: A**k / factorial(k), [0, N - 1])
    top = A**N / factorial(N) * N / (N - A)
    C = top / (s + top)
    sl = 1 - C * exp(-(N - A) * T / aht)
    asa = C * aht / (N - A)
    return C, sl, asa

def hypo_survival(rates, t):
    # P(sum of Exp(rates) > t), distinct rates (Ross, Introduction to Probability Models, 5.2.4).
    total = mpf(0)
    for i, ri in enumerate(rates):
        prod = mpf(1)
        for k, rk in enumerate(rates):
            if k != i:
                prod *= rk / (rk - ri)
        total += prod * exp(-ri * t)
    return total

def erlang_a(A, N, T, aht, patience, definition="offered", tail=None):
    mp.dps = 60
    mu = 1 / mpf(aht); theta = 1 / mpf(patience); lam = mpf(A) * mu; T = mpf(T)
    J = tail or 400
    weights = [mpf(1)]
    for k in range(1, N + J + 1):
        death = k * mu if k <= N else N * mu + (k - N) * theta
        weights.append(weights[-1] * lam / death)
    Z = sum(weights)
    pi = [w / Z for w in weights]
    p_wait = sum(pi[N:])
    queue = sum((k - N) * pi[k] for k in range(N + 1, len(pi)))
    p_ab = theta * queue / lam
    served_within = sum(pi[:N])
    short_ab = mpf(0)
    served_wait_total = mpf(0)
    for j in range(0, J):
        q = pi[N + j]
        if q < mpf(10)**-40:
            continue
        rates = [N * mu + i * theta for i in range(j + 1)]
        # served within T: integral over s <= T of density_V(s) * P(patience > s)
        dens = lambda s: -diff_surv(rates, s)
        served_within += q * quad(lambda s: dens(s) * exp(-theta * s), [0, T])
        short_ab += q * quad(lambda s: theta * exp(-theta * s) * hypo_survival(rates, s), [0, T])
        served_wait_total += q * quad(lambda s: s * dens(s) * exp(-theta * s), [0, inf])
    p_served = 1 - p_ab
    asa = served_wait_total / p_served
    if definition == "offered":
        sl = served_within
    elif definition == "answered":
        sl = served_within / p_served
    else:
        sl = served_within / (1 - short_ab)
    return sl, asa, p_ab, p_wait

def diff_surv(rates, t):
    total = mpf(0)
    for i, ri in enumerate(rates):
        prod = mpf(1)
        for k, rk in enumerate(rates):
            if k != i:
                prod *= rk / (rk - ri)
        total += -ri * prod * exp(-ri * t)
    return total

if __name__ == "__main__":
    print("# Erlang C: A, N, T, AHT -> C, SL, ASA")
    for A, N, T, aht in [(0.5, 1, 20, 180), (9.5, 10, 20, 180), (10, 11, 20, 180), (10, 14, 20, 180),
                         (100.4, 101, 180, 300), (100, 110, 20, 300), (1000, 1001, 180, 300),
                         (1000, 1030, 20, 300), (1234.5, 1235, 60, 240), (5000, 5100, 20, 300)]:
        C, sl, asa = erlang_c(A, N, T, aht)
        print(f"({A}, {N}, {T}, {aht}, {mp.nstr(C, 17)}, {mp.nstr(sl, 17)}, {mp.nstr(asa, 17)}),")
    print("# Erlang A: A, N, T, AHT, patience, definition -> SL, ASA, P(ab), P(wait)")
    for A, N, T, aht, pat in [(8, 10, 20, 180, 120), (6, 5, 30, 180, 300), (3, 3, 60, 300, 200), (12, 10, 20, 240, 60)]:
        for d in ["offered", "answered", "offered_less_short_abandons"]:
            sl, asa, pab, pw = erlang_a(A, N, T, aht, pat, d, tail=120)
            print(f"({A}, {N}, {T}, {aht}, {pat}, \"{d}\", {mp.nstr(sl, 17)}, {mp.nstr(asa, 17)}, {mp.nstr(pab, 17)}, {mp.nstr(pw, 17)}),")
