import { useCallback, useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { formEntryDepth, searchWithStep, stepFromSearch } from './formSteps';

/**
 * The current step of a stepped form, kept in the address (`?step=`) so that the browser's Back and
 * Forward move between steps; each step change is a history entry of its own.
 *
 * `leave(to)` ends the form (after saving): it first steps back over the form's own entries, then
 * replaces the first one with `to`, so that Back from there leads to where the user came from rather
 * than to the steps of a form whose entries are gone (a new archive's form would be empty).
 */
export function useStepHistory(count: number, options: { startOver: boolean }) {
  const location = useLocation();
  const navigate = useNavigate();
  const step = stepFromSearch(location.search, count);
  const depth = formEntryDepth(location.state);

  const goTo = useCallback(
    (next: number) => {
      if (next === step || next < 0 || next >= count) return;
      navigate(
        { pathname: location.pathname, search: searchWithStep(location.search, next) },
        { state: { formEntry: depth + 1 } },
      );
    },
    [count, depth, location.pathname, location.search, navigate, step],
  );

  const leave = useCallback(
    async (to: string) => {
      if (depth > 0) await stepBack(depth, () => navigate(-depth));
      navigate(to, { replace: true });
    },
    [depth, navigate],
  );

  // A form that starts empty (a new archive after a reload: nothing is kept in the browser) starts at
  // its first step, whatever step the address names.
  const startOver = useRef(options.startOver && step > 0);
  useEffect(() => {
    if (!startOver.current) return;
    startOver.current = false;
    navigate(
      { pathname: location.pathname, search: searchWithStep(location.search, 0) },
      { replace: true, state: location.state },
    );
  }, [location.pathname, location.search, location.state, navigate]);

  return { step, goTo, leave };
}

/** Longest wait for the browser to step back (it does nothing when there is no entry to go back to). */
const STEP_BACK_TIMEOUT_MS = 1000;

/**
 * Goes back `entries` entries and resolves once the browser has (or after a second, should it not):
 * the next navigation then replaces the entry gone back to. Works even if the form has meanwhile been
 * replaced on screen (its archive, just submitted, is no longer editable).
 */
function stepBack(entries: number, go: () => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('popstate', done);
      resolve();
    };
    const timer = setTimeout(done, STEP_BACK_TIMEOUT_MS);
    window.addEventListener('popstate', done);
    if (entries > 0) go();
  });
}
