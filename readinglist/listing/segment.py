"""Best segmentation of scored lines under the grammar `title author* abstract?` (Viterbi)."""

from __future__ import annotations

from collections.abc import Sequence

TITLE, AUTHOR, ABSTRACT = 0, 1, 2
NEG = -1.0e9

# Transition log-scores.  In the author layout a title is always followed by an author,
# so title->title and title->abstract are only allowed at a high price; in the layout
# without author lines the author state does not exist.
AUTHOR_LAYOUT = {
    "tt": -9.0,
    "ta": 0.0,
    "tb": -9.0,
    "aa": -0.25,
    "ab": -1.6,
    "at": -1.6,
    "bt": 0.0,
}
NO_AUTHOR_LAYOUT = {
    "tt": -0.5,
    "ta": NEG,
    "tb": -0.9,
    "aa": NEG,
    "ab": NEG,
    "at": NEG,
    "bt": 0.0,
}


def viterbi(
    e_t: Sequence[float],
    e_a: Sequence[float],
    e_b: Sequence[float],
    trans: dict[str, float],
    *,
    margins: bool = True,
) -> tuple[list[int], list[float], float]:
    """Labels, per-line margins (best path vs best path with another label there), best score.

    The first line is always a title.  Margins come from max-marginals: a forward and a
    backward Viterbi pass, so they cost one more linear pass.
    """
    n = len(e_t)
    if n == 0:
        return [], [], 0.0
    tt, ta, tb = trans["tt"], trans["ta"], trans["tb"]
    aa, ab, at = trans["aa"], trans["ab"], trans["at"]
    bt = trans["bt"]
    no_author = ta <= NEG / 2
    ft = [0.0] * n
    fa = [0.0] * n
    fb = [0.0] * n
    # Back-pointers packed in one int per line: 3 bits for T, A, B predecessors.
    back = bytearray(n)
    x_t, x_a, x_b = e_t[0], NEG, NEG
    ft[0], fa[0], fb[0] = x_t, x_a, x_b
    for i in range(1, n):
        # -> title: from title, author or abstract
        c1 = x_t + tt
        c2 = x_a + at
        c3 = x_b + bt
        if c1 >= c2 and c1 >= c3:
            nt, pt = c1, 0
        elif c2 >= c3:
            nt, pt = c2, 1
        else:
            nt, pt = c3, 2
        if no_author:
            na, pa = NEG, 0
            nb, pb = x_t + tb, 0
        else:
            c1 = x_t + ta
            c2 = x_a + aa
            if c1 >= c2:
                na, pa = c1, 0
            else:
                na, pa = c2, 1
            c1 = x_t + tb
            c2 = x_a + ab
            if c1 >= c2:
                nb, pb = c1, 0
            else:
                nb, pb = c2, 1
        x_t = nt + e_t[i]
        x_a = na + e_a[i]
        x_b = nb + e_b[i]
        ft[i], fa[i], fb[i] = x_t, x_a, x_b
        back[i] = pt | (pa << 2) | (pb << 4)
    if x_t >= x_a and x_t >= x_b:
        state, best = TITLE, x_t
    elif x_a >= x_b:
        state, best = AUTHOR, x_a
    else:
        state, best = ABSTRACT, x_b
    labels = [0] * n
    for i in range(n - 1, -1, -1):
        labels[i] = state
        state = (back[i] >> (2 * state)) & 3
    if not margins:
        return labels, [], best
    # Backward pass: best score of the rest of the file given the state at line i.
    out: list[float] = [0.0] * n
    y_t = y_a = y_b = 0.0
    for i in range(n - 1, -1, -1):
        m_t = ft[i] + y_t
        m_a = fa[i] + y_a
        m_b = fb[i] + y_b
        lab = labels[i]
        if lab == TITLE:
            out[i] = m_t - (m_a if m_a > m_b else m_b)
        elif lab == AUTHOR:
            out[i] = m_a - (m_t if m_t > m_b else m_b)
        else:
            out[i] = m_b - (m_t if m_t > m_a else m_a)
        g_t = e_t[i] + y_t
        g_a = e_a[i] + y_a
        g_b = e_b[i] + y_b
        # scores from the state at line i-1 onwards
        y_t = max(tt + g_t, ta + g_a, tb + g_b)
        y_a = max(at + g_t, aa + g_a, ab + g_b)
        y_b = bt + g_t
    return labels, out, best
