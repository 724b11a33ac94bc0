import { Component, type ErrorInfo, type ReactNode } from 'react';
import { describeStorageError } from '../storage/errors.ts';

interface State {
  error: unknown;
}

function explain(error: unknown): { title: string; message: string } {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // A lazy screen that is neither cached nor reachable: the app was updated or never fully loaded.
  if (/dynamically imported module|Failed to fetch|Loading chunk/i.test(text))
    return {
      title: 'This screen is not on the device yet',
      message: 'Connect once and reload: ondeck keeps every screen for offline use after that.',
    };
  const storage = describeStorageError(error);
  if (storage.kind !== 'failed') return { title: 'Storage problem', message: storage.message };
  return { title: 'Something went wrong', message: text };
}

/** Never a blank page: whatever breaks a screen is shown with a way out. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('ondeck screen failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    const { title, message } = explain(this.state.error);
    return (
      <main className="screen">
        <div className="notice notice-error" role="alert">
          <strong className="notice-title">{title}</strong>
          <p>{message}</p>
          <p className="actions">
            <button type="button" className="button" onClick={() => window.location.reload()}>
              Reload
            </button>
            <a className="button button-secondary" href="/">
              Events on this device
            </a>
          </p>
        </div>
      </main>
    );
  }
}
