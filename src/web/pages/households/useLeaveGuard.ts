import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type BlockerFunction, useBlocker } from 'react-router-dom';
import { buttonTestId } from '../../lib/testId';
import { leavesForm } from './formSteps';

/**
 * Asks before unsaved entries are lost: another page of the app (a menu link, Back past the form's
 * first step) waits for a confirmation; a reload or a closed tab gets the browser's own question.
 * Moving between the form's steps (same address, another `?step=`) is not leaving. The sign-in page is
 * let through: it opens when the session has ended, and then nothing could be saved anyway.
 *
 * Nothing typed is kept in the browser's storage to survive a reload (see lib/sessionMemory.ts):
 * the form holds ID numbers, phones and bank accounts.
 */
export function useLeaveGuard(hasUnsavedChanges: () => boolean) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const unsaved = useRef(hasUnsavedChanges);
  unsaved.current = hasUnsavedChanges;

  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      unsaved.current() && leavesForm(currentLocation, nextLocation) && nextLocation.pathname !== '/login',
    [],
  );
  const blocker = useBlocker(shouldBlock);
  const blockerState = blocker.state;
  const current = useRef(blocker);
  current.current = blocker;

  // One question per blocked navigation, however often the page renders meanwhile.
  useEffect(() => {
    if (blockerState !== 'blocked') return;
    const dialog = modal.confirm({
      title: t('households.entry.leaveTitle'),
      content: t('households.entry.leaveText'),
      okText: t('households.entry.leave'),
      cancelText: t('households.entry.stay'),
      okButtonProps: buttonTestId('household-form-leave', { danger: true }),
      cancelButtonProps: buttonTestId('household-form-stay'),
      onOk: () => current.current.proceed?.(),
      onCancel: () => current.current.reset?.(),
    });
    return () => dialog.destroy();
  }, [blockerState, modal, t]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsaved.current()) return;
      event.preventDefault();
      // Older browsers ask only when a return value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
