/** "Download SVG" and "Download PNG" for a drawn picture. */
import { useState, type RefObject } from 'react';
import { saveBlob, serializeSvg, svgToPng } from './download.ts';

interface Props {
  svg: RefObject<SVGSVGElement | null>;
  /** File name without extension. */
  fileName: string;
  /** What the picture is, for the buttons' names ("Swiss cheese diagram"). */
  what: string;
  testIdPrefix: string;
}

/** Download buttons; failures are said in words next to them. */
export function DownloadButtons({ svg, fileName, what, testIdPrefix }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const download = async (format: 'svg' | 'png') => {
    const element = svg.current;
    if (!element) return;
    setError('');
    setBusy(true);
    try {
      const file = serializeSvg(element);
      const blob = format === 'svg' ? new Blob([file.text], { type: 'image/svg+xml' }) : await svgToPng(file);
      saveBlob(blob, `${fileName}.${format}`);
    } catch {
      setError(`The ${what.toLowerCase()} could not be saved as ${format.toUpperCase()}.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="picture__tools" role="group" aria-label={`Download the ${what.toLowerCase()}`} data-reads-only="">
      <button type="button" className="button button--small" data-testid={`${testIdPrefix}-download-svg`} disabled={busy} onClick={() => void download('svg')}>
        Download SVG
      </button>
      <button type="button" className="button button--small" data-testid={`${testIdPrefix}-download-png`} disabled={busy} onClick={() => void download('png')}>
        Download PNG
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
