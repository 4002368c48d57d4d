// Everything the window loads after its first paint (see deferred.tsx), as one module so the
// bundler makes one chunk of it.
export { FailureView, RefusalView } from './result/FailureView';
export { HistoryPanel } from './result/HistoryPanel';
export { SuccessView } from './result/SuccessView';
export { ConfirmDialog } from './common/ConfirmDialog';
