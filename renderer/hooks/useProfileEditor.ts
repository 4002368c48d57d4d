// The profile workflow: choosing, creating, saving, duplicating, deleting and revealing, with a
// question before anything unsaved is thrown away or anything is deleted.
import { useCallback, useState } from 'react';
import type { ConfirmRequest } from '../common/ConfirmDialog';
import {
  fieldsToSave,
  hasUnsavedEdits,
  secretReplaced,
  type FormAction,
  type FormState,
} from '../form/form-state';
import { describeFailure, type useProfiles } from './useProfiles';

export interface StatusMessage {
  readonly tone: 'ok' | 'error';
  readonly text: string;
}

type Profiles = ReturnType<typeof useProfiles>;

export function useProfileEditor(
  form: FormState,
  dispatch: (action: FormAction) => void,
  profiles: Profiles,
) {
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const unsaved = hasUnsavedEdits(form);
  const name = form.values.name.trim();

  /** Runs `proceed` now, or after the user agrees to drop unsaved edits. */
  const guardUnsaved = useCallback(
    (proceed: () => void) => {
      if (!unsaved) return proceed();
      setConfirm({
        title: 'Discard unsaved changes?',
        message: `Your changes to ${name ? `“${name}”` : 'this form'} have not been saved.`,
        confirmLabel: 'Discard changes',
        cancelLabel: 'Keep editing',
        onConfirm: proceed,
      });
    },
    [unsaved, name],
  );

  const select = useCallback(
    (profileId: string) => {
      const target = profiles.profiles.find((p) => p.id === profileId);
      if (!target) return;
      guardUnsaved(() => {
        dispatch({ type: 'load-profile', profile: target });
        setStatus(null);
      });
    },
    [profiles.profiles, guardUnsaved, dispatch],
  );

  const newProfile = useCallback(() => {
    guardUnsaved(() => {
      dispatch({ type: 'new-profile' });
      setStatus(null);
    });
  }, [guardUnsaved, dispatch]);

  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  }, []);

  const save = useCallback(
    () =>
      run(async () => {
        const replacing = secretReplaced(form);
        const sent = form;
        const answer = await profiles.save({
          profileId: form.profile?.id ?? null,
          fields: fieldsToSave(form),
          secret: replacing ? form.secret : null,
        });
        if (!answer.ok) return setStatus({ tone: 'error', text: describeFailure(answer) });
        dispatch({ type: 'saved', profile: answer.profile, sent });
        setStatus({
          tone: 'ok',
          text: replacing
            ? `Saved “${answer.profile.name}”; its secret is in the keychain.`
            : `Saved “${answer.profile.name}”.`,
        });
      }),
    [run, form, profiles, dispatch],
  );

  const duplicate = useCallback(() => {
    const original = form.profile;
    if (!original) return;
    guardUnsaved(
      () =>
        void run(async () => {
          const answer = await profiles.duplicate(original.id);
          if (!answer.ok) return setStatus({ tone: 'error', text: describeFailure(answer) });
          dispatch({ type: 'load-profile', profile: answer.profile });
          setStatus({ tone: 'ok', text: `Created “${answer.profile.name}” with the same secret.` });
        }),
    );
  }, [form.profile, guardUnsaved, run, profiles, dispatch]);

  const askDelete = useCallback(() => {
    const target = form.profile;
    if (!target) return;
    setConfirm({
      title: `Delete “${target.name}”?`,
      message: 'The profile and its secret in the keychain will be removed. This cannot be undone.',
      confirmLabel: 'Delete',
      cancelLabel: 'Keep profile',
      onConfirm: () =>
        void run(async () => {
          const answer = await profiles.remove(target.id);
          if (!answer.ok) return setStatus({ tone: 'error', text: describeFailure(answer) });
          dispatch({ type: 'deleted', id: target.id });
          setStatus({ tone: 'ok', text: `Deleted “${target.name}” and its secret.` });
        }),
    });
  }, [form.profile, run, profiles, dispatch]);

  const closeConfirm = useCallback(() => setConfirm(null), []);

  const reveal = useCallback(() => {
    const target = form.profile;
    if (!target) return;
    void run(async () => {
      const answer = await profiles.reveal(target.id);
      if (!answer.ok) return setStatus({ tone: 'error', text: describeFailure(answer) });
      dispatch({ type: 'secret-revealed', secret: answer.secret, id: target.id });
    });
  }, [form.profile, run, profiles, dispatch]);

  return {
    unsaved,
    busy,
    status,
    confirm,
    closeConfirm,
    select,
    newProfile,
    save,
    duplicate,
    askDelete,
    reveal,
  };
}
