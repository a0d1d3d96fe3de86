// What the list screens were showing, kept while the gestor looks at a debtor
// so that "Volver" returns to the same search, filters and place in the list.
// Forgotten on sign-out: the next person starts afresh.

/** Rows the portfolio asks for at a time; "show more" asks for this many more. */
export const PAGE = 100;

export type ListScreen = 'agenda' | 'portfolio';

function fresh() {
  return {
    portfolio: {
      text: '', segment: '', region: '', bucket: '', dispute: false, doNotVisit: false, withPromise: false, limit: PAGE,
    },
    scroll: { agenda: 0, portfolio: 0 } as Record<ListScreen, number>,
  };
}

export const views = $state(fresh());

export function forgetViews() {
  Object.assign(views, fresh());
}

/** Scrolls back to where `screen` was left, once its rows are on screen. */
export function restoreScroll(screen: ListScreen) {
  const y = views.scroll[screen];
  if (y > 0) requestAnimationFrame(() => window.scrollTo(0, y));
}
