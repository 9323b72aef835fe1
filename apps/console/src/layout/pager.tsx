/** Previous/next buttons and "1–20 of 57" under a paginated list. */
import { pagerState, type PageWindow } from './pagination';

export function Pager(props: {
  page: PageWindow;
  label: string;
  onOffset: (offset: number) => void;
}) {
  const { summary, previousOffset, nextOffset } = pagerState(props.page);
  return (
    <nav className="pager" aria-label={props.label}>
      <button
        type="button"
        className="button-secondary"
        disabled={previousOffset === undefined}
        onClick={() => previousOffset !== undefined && props.onOffset(previousOffset)}
      >
        Previous
      </button>
      <span aria-live="polite">{summary}</span>
      <button
        type="button"
        className="button-secondary"
        disabled={nextOffset === undefined}
        onClick={() => nextOffset !== undefined && props.onOffset(nextOffset)}
      >
        Next
      </button>
    </nav>
  );
}
