# Independent high-precision reference values for the queueing tests (QueueReferenceTests.swift).
# Erlang C: textbook factorial sums in mpmath at 50 digits (not the B recursion the Swift code uses).
# Erlang A: the M/M/N+M birth-death chain built state by state (truncated 60 places into the queue, where terms are below 1e-40) at 30 digits;
#   P(abandon) from Little's law on the queue (theta * E[queue] / lambda); SL(T) and abandoned-within-T from the
#   matrix exponential of the tagged caller's own chain (number ahead, served, abandoned) started from the
#   arrival distribution; ASA by first-step analysis on that chain. None of this uses the closed forms in ErlangA.swift.
# Run: python3 erlang_reference.py
from mpmath import mp, mpf, factorial, exp, nsum, matrix, expm

def erlang_c(A, N, T, aht):
    mp.dps = 50
    A = mpf(A); T = mpf(T); aht = mpf(aht)
    s = nsum(lambda k: A**k / factorial(k), [0, N - 1])
    top = A**N / factorial(N) * N / (N - A)
    C = top / (s + top)
    sl = 1 - C * exp(-(N - A) * T / aht)
    asa = C * aht / (N - A)
    return C, sl, asa

def erlang_a(A, N, T, aht, patience, J=60):
    mp.dps = 30
    mu = 1 / mpf(aht); theta = 1 / mpf(patience); lam = mpf(A) * mu; T = mpf(T)
    weights = [mpf(1)]
    for k in range(1, N + J + 1):
        death = k * mu if k <= N else N * mu + (k - N) * theta
        weights.append(weights[-1] * lam / death)
    Z = sum(weights)
    pi = [w / Z for w in weights]
    p_wait = sum(pi[N:])
    queue = sum((k - N) * pi[k] for k in range(N + 1, len(pi)))
    p_ab = theta * queue / lam                      # Little's law on the queue
    # The tagged caller who finds i waiting: states 0..J-1 (number ahead), then served, abandoned.
    # From i it moves to i-1 (or to served from 0) at rate N*mu + i*theta, and abandons at rate theta.
    size = J + 2
    Q = matrix(size, size)
    for i in range(J):
        r = N * mu + i * theta
        Q[i, i] = -(r + theta)
        Q[i, i - 1 if i > 0 else J] = r
        Q[i, J + 1] = theta
    P = expm(Q * T)
    start = [pi[N + i] for i in range(J)]
    served_late_free = sum(pi[:N])
    served_in_T = sum(start[i] * P[i, J] for i in range(J))
    ab_in_T = sum(start[i] * P[i, J + 1] for i in range(J))
    # First-step analysis: h_i = P(served | i), g_i = E[wait * 1{served} | i].
    h_prev, g_prev = mpf(1), mpf(0)
    served_wait = mpf(0)
    for i in range(J):
        r = N * mu + i * theta
        h = r / (r + theta) * h_prev
        g = h / (r + theta) + r / (r + theta) * g_prev
        served_wait += start[i] * g
        h_prev, g_prev = h, g
    p_served = 1 - p_ab
    within = served_late_free + served_in_T
    return {"offered": within, "answered": within / p_served, "offered_less_short_abandons": within / (1 - ab_in_T),
            "asa": served_wait / p_served, "ab": p_ab, "wait": p_wait}

if __name__ == "__main__":
    print("# Erlang C: A, N, T, AHT -> C, SL, ASA")
    for A, N, T, aht in [(0.5, 1, 20, 180), (9.5, 10, 20, 180), (10, 11, 20, 180), (10, 14, 20, 180),
                         (100.4, 101, 180, 300), (100, 110, 20, 300), (1000, 1001, 180, 300),
                         (1000, 1030, 20, 300), (1234.5, 1235, 60, 240), (5000, 5100, 20, 300)]:
        C, sl, asa = erlang_c(A, N, T, aht)
        print(f"({A}, {N}, {T}, {aht}, {mp.nstr(C, 17)}, {mp.nstr(sl, 17)}, {mp.nstr(asa, 17)}),")
    print("# Erlang A: A, N, T, AHT, patience -> SL offered, SL answered, SL offered less short abandons, ASA, P(ab), P(wait)")
    for A, N, T, aht, pat in [(8, 10, 20, 180, 120), (6, 5, 30, 180, 300), (3, 3, 60, 300, 200), (12, 10, 20, 240, 60)]:
        r = erlang_a(A, N, T, aht, pat)
        vals = ", ".join(mp.nstr(r[k], 17) for k in ["offered", "answered", "offered_less_short_abandons", "asa", "ab", "wait"])
        print(f"({A}, {N}, {T}, {aht}, {pat}, {vals}),")
    print("# Erlang A at large loads (chain sums only): A, N, AHT, patience -> P(ab), P(wait)")
    for A, N, aht, pat in [(1000, 980, 300, 180), (1000, 1010, 300, 600), (2500, 2400, 240, 120)]:
        mp.dps = 40
        mu = 1 / mpf(aht); theta = 1 / mpf(pat); lam = mpf(A) * mu
        log_w = [mpf(0)]
        w = [mpf(1)]
        for k in range(1, N + 4000):
            death = k * mu if k <= N else N * mu + (k - N) * theta
            w.append(w[-1] * lam / death)
        Z = sum(w)
        p_wait = sum(w[N:]) / Z
        queue = sum((k - N) * w[k] for k in range(N + 1, len(w))) / Z
        print(f"({A}, {N}, {aht}, {pat}, {mp.nstr(theta * queue / lam, 17)}, {mp.nstr(p_wait, 17)}),")
