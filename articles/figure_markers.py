"""Figure markers in a body: which figures it places, which markers point nowhere, and markers that follow their figure.

A paragraph of only `[[figure:N]]` places figure N (1-based, in figure
order) there, as the reader page draws it (`rendering.body_blocks`). Since N
is a position, a body is rewritten whenever its figures are reordered or
removed (`follow`), so each marker keeps showing the same picture.
"""

from articles import rendering, text


def placed_numbers(body: str) -> list[int]:
    """The figure numbers the body places, in reading order (each once)."""
    html = rendering.render_markdown(body or "")
    return list(dict.fromkeys(int(match.group(1)) for match in rendering.FIGURE_PARAGRAPH.finditer(html)))


def unknown_markers(body: str, known: set[int]) -> list[str]:
    """The placing markers of `body` whose number is not in `known`, as typed (`[[figure:9]]`)."""
    return [f"[[figure:{n}]]" for n in placed_numbers(body) if n not in known]


def unplaced(body: str, count: int) -> list[int]:
    """The numbers 1..count of the figures `body` places nowhere."""
    placed = set(placed_numbers(body))
    return [n for n in range(1, count + 1) if n not in placed]


def follow(body: str, moves: dict[int, int | None]) -> str:
    """`body` with each marker of a moved figure renumbered, and those of a removed one (None) taken out.

    `moves` maps the number a marker has now to the figure's new number;
    numbers it does not name are left as they are. A removed figure's
    marker paragraph goes with one of the blank lines around it.
    """
    if not body or not moves:
        return body

    def renumber(match) -> str:
        n = int(match.group(1))
        if n not in moves:
            return match.group(0)
        return "" if moves[n] is None else f"[[figure:{moves[n]}]]"

    kept: list[str] = []
    drop_blank = False
    for line in body.split("\n"):
        number = text.figure_number(line)
        if number is not None and number in moves and moves[number] is None:
            # The blank line before it stays; the one after it would make two.
            drop_blank = True
            continue
        if drop_blank and not line.strip() and (not kept or not kept[-1].strip()):
            drop_blank = False
            continue
        drop_blank = False
        kept.append(text.FIGURE_MARKER.sub(renumber, line))
    result = "\n".join(kept)
    return result.rstrip("\n") + "\n" if body.endswith("\n") and result.strip() else result.rstrip("\n")
