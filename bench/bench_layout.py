"""The layout model: the arrangement search for a 100S10P pack (target ≤ 0.3 s), the layout of
10,000 cells (target ≤ 20 ms, cold: no cache) and the network of a 20S40P pack on 5 × 8 blocks
with busbars from geometry."""

from __future__ import annotations

from bench import best_of


def main() -> None:
    from naion_designer.core import electrical, layout, network
    from naion_designer.core.electrical import calculate
    from naion_designer.core.layout import arrangements, compute_layout
    from naion_designer.core.pack import Busbar, Interconnect, Layout, PackDesign
    from naion_designer.io.library import library

    lib = library()
    d = PackDesign(cell=lib.get("hina-nacr32140-me12"), series=100, parallel=10,
                   layout=Layout(envelope=(1.2, 1.0, 0.2)))
    t = best_of(lambda: arrangements(d, modules=(1, 2, 3, 4)), 5)
    n = len(arrangements(d, modules=(1, 2, 3, 4), limit=10**6))
    print(f"arrangement search 100S10P (4 block shapes × groups per row × 2 orientations × "
          f"1-4 modules in every useful grid, {n} arrangements ranked): {t * 1e3:.1f} ms "
          f"(target ≤ 300 ms) "
          f"{'OK' if t <= 0.3 else 'TOO SLOW'}")
    for S, P in ((100, 100), (1000, 10), (10, 1000)):
        big = PackDesign(cell=lib.get("tob-18650-c-na"), series=S, parallel=P)

        def cold(big=big):
            layout._cached_layout.cache_clear()
            compute_layout(big)

        t = best_of(cold, 7)
        lay = compute_layout(big)
        print(f"layout of {S}S{P}P ({S * P} cells, chosen {lay.group_shape[0]}×"
              f"{lay.group_shape[1]} blocks, {lay.groups_per_row} per row): {t * 1e3:.1f} ms "
              f"(target ≤ 20 ms) {'OK' if t <= 0.02 else 'TOO SLOW'}")
    ic = Interconnect(cell_connection=0.1e-3, terminal=0.05e-3,
                      busbar=Busbar("copper", 0.002, 0.02))
    pack = PackDesign(cell=lib.get("hina-nacr32140-me12"), series=20, parallel=40,
                      interconnect=ic)

    def calc_cold():
        layout._cached_layout.cache_clear()
        network.clear_cache()
        electrical._DC_MEMO.clear()
        calculate(pack)

    t = best_of(calc_cold, 5)
    r = calculate(pack)
    print(f"calc 20S40P, busbars from geometry on 5×8 blocks (cold): {t * 1e3:.1f} ms; "
          f"max cell current share {r.value('max_cell_current_share'):.2f}, busbar mass "
          f"{r.value('busbar_mass'):.1f} kg")
