// Keeps a render error in one area of the window (the queue, the ticket pane) from blanking the whole app: the
// area shows a short message with a "Try again" button instead, the error goes to the console, and the rest of
// the window stays usable.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type BoundaryArea = 'queue' | 'detail';

interface ErrorBoundaryProps {
  area: BoundaryArea;
  /** When this changes (another ticket opened, say), a failed area renders its children again. */
  resetKey?: unknown;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
  resetKey: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Piket: the ${this.props.area} area failed to render.`, error, info.componentStack);
  }

  private readonly retry = (): void => this.setState({ failed: false });

  override render(): ReactNode {
    return this.state.failed ? (
      <RenderFailed area={this.props.area} onRetry={this.retry} />
    ) : (
      this.props.children
    );
  }
}

/** The failed area's stand-in: same place in the layout (the queue's or the pane's frame), message and button. */
function RenderFailed({ area, onRetry }: { area: BoundaryArea; onRetry: () => void }) {
  const { t } = useTranslation();
  const message = (
    <div className={area === 'queue' ? 'queue-message queue-error' : 'detail-error'} role="alert">
      <span>{t(`renderError.${area}`)}</span>{' '}
      <button type="button" onClick={onRetry}>
        {t('renderError.retry')}
      </button>
    </div>
  );
  return area === 'queue' ? (
    <section className="queue">{message}</section>
  ) : (
    <aside className="detail-pane" aria-label={t('detail.label')}>
      {message}
    </aside>
  );
}
