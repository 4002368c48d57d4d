import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { BatchHistory, TokenRequestInput } from '../app/ipc-contract';
import { isIpcFailure } from '../app/ipc-contract';
import { atTime, steadyNow } from '../app/steady-time';
import { useClock } from './clock';
import { formReducer, initialForm, secretSource, usesStoredSecret } from './form/form-state';
import { RequestForm, SUBMIT_SHORTCUT } from './form/RequestForm';
import { useProfileEditor } from './hooks/useProfileEditor';
import { useHistory } from './hooks/useHistory';
import { usePreflight } from './hooks/usePreflight';
import { useProfiles } from './hooks/useProfiles';
import { useSettings } from './hooks/useSettings';
import { useTokenRequest, type Answer } from './hooks/useTokenRequest';
import { ProfileEditor } from './profiles/ProfileEditor';
import { ProfileList } from './profiles/ProfileList';
import { BatchCheck } from './batch/BatchCheck';
import { HostNotice } from './common/HostNotice';
import { ResultPanel } from './result/ResultPanel';
import { PreferencesMenu } from './common/PreferencesMenu';
import { ConfirmDialog, HistoryPanel, ImportDialog, preloadDeferred, SandboxPanel } from './deferred';

/** Renewal asks for a new token this long before the current one expires. */
const RENEW_BEFORE_MS = 60_000;

export function App() {
  const clock = useClock();
  const [form, dispatch] = useReducer(formReducer, initialForm);
  const { values } = form;
  const profiles = useProfiles();
  const editor = useProfileEditor(form, dispatch, profiles);
  const storedSecret = usesStoredSecret(form);
  // Checks before sending, live as the user types (a stored secret is not sent for checking).
  const findings = usePreflight({
    ...values,
    clientSecret: storedSecret && form.secret === '' ? null : form.secret,
  });
  const { settings, update: updateSettings } = useSettings();
  const [historyVersion, setHistoryVersion] = useState(0);
  const history = useHistory(historyVersion);
  const historyAfterBatch = history.afterRun;
  const { clear: clearHistoryNow } = history;
  const clearHistory = useCallback(() => void clearHistoryNow(), [clearHistoryNow]);
  const lastRequest = useRef<{
    request: Omit<TokenRequestInput, 'requestId'>;
    profileName: string | null;
  } | null>(null);
  const renewing = useRef(false);
  // "Check all profiles": null while closed; `checkAll` counts presses (each starts a run).
  const [batch, setBatch] = useState<{ checkAll: number } | null>(null);
  // While the panel is open, "Check all profiles" and "Check some…" go straight to it: redrawing
  // the whole window (a hundred saved profiles among it) for each press was most of the window's
  // work at a run's start.
  const checkAllRef = useRef<((all: boolean) => void) | null>(null);
  const refreshHistory = useCallback(() => setHistoryVersion((v) => v + 1), []);
  // A run's last answer brings its history entry: shown in the same redraw as the run's results,
  // instead of a second call and redraw for the whole history.
  const batchEnded = useCallback(
    (after: BatchHistory | undefined) => {
      if (after === undefined || !historyAfterBatch(after)) refreshHistory();
    },
    [refreshHistory, historyAfterBatch],
  );
  const [renewNote, setRenewNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [importing, setImporting] = useState(false);
  // Callbacks that keep their identity, so the memoised parts of the window (the profile list, the
  // editor, the fields) are not drawn again when a request starts or ends (npm run bench).
  const openImport = useCallback(() => setImporting(true), []);
  const openCheck = useCallback((all: boolean) => {
    if (checkAllRef.current) checkAllRef.current(all);
    else setBatch((open) => ({ checkAll: (open?.checkAll ?? 0) + (all ? 1 : 0) }));
  }, []);
  const editName = useCallback((name: string) => dispatch({ type: 'edit', field: 'name', value: name }), []);
  const { save: saveProfile } = editor;
  const saveNow = useCallback(() => void saveProfile(), [saveProfile]);
  const changeSettings = useCallback(
    (change: Parameters<typeof updateSettings>[0]) => updateSettings(change),
    [updateSettings],
  );
  const sandboxStarted = useCallback(
    (tokenUrl: string) => dispatch({ type: 'sandbox-started', tokenUrl }),
    [],
  );
  const fillCredentials = useCallback(
    (clientId: string, clientSecret: string) =>
      dispatch({ type: 'fill-credentials', clientId, clientSecret }),
    [],
  );

  // After each attempt: the history has a new entry, and a renewal that failed stops renewing.
  const onSettled = useCallback(
    (answer: Answer) => {
      setHistoryVersion((v) => v + 1);
      if (!renewing.current) return;
      renewing.current = false;
      if (isIpcFailure(answer) || !answer.ok) {
        const title = isIpcFailure(answer) ? answer.message : answer.explanation.title;
        setRenewNote({
          tone: 'error',
          text: `Automatic renewal stopped: ${title}. Turn it on again in Preferences.`,
        });
        void updateSettings({ autoRenew: false });
      } else {
        setRenewNote({ tone: 'ok', text: 'Renewed automatically.' });
      }
    },
    [updateSettings],
  );
  const { state, start, cancel, running } = useTokenRequest(onSettled);
  const pending = state.phase === 'pending';

  // "Renew automatically": a new token a minute before the current one expires (at once if it is
  // due when turned on). Not one that lasts under two minutes: a server's 61-second tokens were
  // renewed every second, each a history entry, for as long as the window was open.
  useEffect(() => {
    if (!settings.autoRenew || state.phase !== 'done') return;
    const answer = state.answer;
    if (isIpcFailure(answer) || !answer.ok || (answer.expiresInSeconds ?? 0) < 120) return;
    // expiresInSeconds is known, so expiresAt is too (receivedAt plus it).
    const due = answer.expiresAt! - RENEW_BEFORE_MS;
    // A second at a time (as the countdown ticks), by whichever clock says more time has passed:
    // timers stand still while the computer sleeps, and a wall clock set back (after a sleep too)
    // must not delay it. A minute at a time missed a sleep that NTP's set-back, within that minute
    // of the resume, then took back: renewal came an hour late while the countdown said 'Expired'.
    return atTime(
      due,
      () => {
        if (!lastRequest.current) return;
        renewing.current = true;
        void start(lastRequest.current.request, lastRequest.current.profileName);
      },
      1_000,
      steadyNow(() => clock.now()),
    );
  }, [settings.autoRenew, state, clock, start]);

  // What was left out of the first paint loads while the browser is idle.
  useEffect(() => {
    const load = () => void preloadDeferred();
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(load);
    else setTimeout(load, 1);
  }, []);

  const submit = useCallback(() => {
    const { name: _name, ...fields } = form.values;
    const request = { ...fields, secret: secretSource(form), profileId: form.profile?.id ?? null };
    const profileName = form.profile?.name ?? null;
    lastRequest.current = { request, profileName };
    renewing.current = false;
    setRenewNote(null);
    void start(request, profileName);
  }, [start, form]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (editor.confirm || importing) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      } else if (event.key === 'Escape' && running()) {
        event.preventDefault();
        cancel();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [submit, cancel, running, editor.confirm, importing]);

  return (
    <div className="app">
      <header className="app__bar">
        <h1>Telstra Token Tester</h1>
        <p>Check Messaging API credentials against the OAuth token endpoint.</p>
        <PreferencesMenu settings={settings} onChange={changeSettings} />
      </header>
      <HostNotice />
      <main className="app__panes" tabIndex={-1}>
        {/* Saved profiles sit beside the form when there is room, and fold above it when not, so
            they never push the form down (issue 19). */}
        <div className="app__work">
          <ProfileList
            profiles={profiles.profiles}
            selectedId={form.profile?.id ?? null}
            unsaved={editor.unsaved}
            onSelect={editor.select}
            onActivate={submit}
            onNew={editor.newProfile}
            onImport={openImport}
            onCheck={openCheck}
            unread={profiles.profiles.length === 0 && profiles.notices.length > 0}
            loaded={profiles.loaded}
          />
          <div className="pane pane--form">
            {profiles.notices.map((notice) => (
              <div className="banner banner--warning" role="alert" key={notice}>
                <p>{notice}</p>
                <button type="button" className="quiet" onClick={() => profiles.dismissNotice(notice)}>
                  Dismiss
                </button>
              </div>
            ))}
            {profiles.keychainAdvice ? (
              <div className="banner banner--warning" role="alert">
                <p>
                  <strong>{profiles.keychainAdvice.title}.</strong> {profiles.keychainAdvice.remedy}
                </p>
              </div>
            ) : null}
            <RequestForm
              form={form}
              findings={findings}
              dispatch={dispatch}
              pending={pending}
              storedSecret={storedSecret}
              onReveal={storedSecret && form.revealed === null ? editor.reveal : null}
              onSubmit={submit}
              onCancel={cancel}
            />
            {/* Fetched when the sandbox is first chosen (an on-demand part), which starts it and
                puts its address in the form. */}
            {values.preset === 'sandbox' ? (
              <SandboxPanel tokenUrl={values.tokenUrl} onStarted={sandboxStarted} onUse={fillCredentials} />
            ) : null}
            {/* Naming and saving come after the request itself: the form first, then keep it. */}
            <ProfileEditor
              name={values.name}
              onName={editName}
              unsaved={editor.unsaved}
              hasProfile={form.profile !== null}
              busy={editor.busy}
              onSave={saveNow}
              onDuplicate={editor.duplicate}
              onDelete={editor.askDelete}
            />
            {editor.status ? (
              <p
                className={`status status--${editor.status.tone}`}
                role={editor.status.tone === 'error' ? 'alert' : 'status'}
              >
                {editor.status.text}
              </p>
            ) : null}
          </div>
        </div>
        <div className="pane pane--result">
          {renewNote ? (
            <p
              className={`status status--${renewNote.tone}`}
              role={renewNote.tone === 'error' ? 'alert' : 'status'}
            >
              {renewNote.text}
            </p>
          ) : null}
          {batch ? (
            <BatchCheck
              profiles={profiles.profiles}
              checkAll={batch.checkAll}
              checkAllRef={checkAllRef}
              onClose={() => setBatch(null)}
              onRunEnded={batchEnded}
            />
          ) : null}
          <ResultPanel state={state} shortcut={SUBMIT_SHORTCUT} />
          <HistoryPanel entries={history.entries} onClear={clearHistory} />
        </div>
      </main>
      {importing ? (
        <ImportDialog onClose={() => setImporting(false)} onImported={() => void profiles.refresh()} />
      ) : null}
      {editor.confirm ? <ConfirmDialog request={editor.confirm} onClose={editor.closeConfirm} /> : null}
    </div>
  );
}
