/** Catches a render failure and shows a calm message instead of a blank page. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FullPageMessage } from './FullPageMessage.tsx';

interface State {
  failed: boolean;
}

/** Error boundary around a screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Second Story: the page failed to render', error, info.componentStack);
  }

  override render() {
    if (this.state.failed) {
      return (
        <FullPageMessage title="Something went wrong" action="home">
          This page failed to load. Your edits are kept in this browser; reload the page to try again.
        </FullPageMessage>
      );
    }
    return this.props.children;
  }
}
