/**
 * Saving pictures and exports as files: an SVG serialised on its own, a PNG drawn from it on a
 * canvas (the page's CSP allows blob: images), and any Blob handed to the browser as a download.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** "EU checkout errors!" → "eu-checkout-errors" (never empty). */
export function fileSlug(title: string, fallback = 'postmortem'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

export interface SvgFile {
  text: string;
  width: number;
  height: number;
}

/** A standalone SVG file of a drawn picture, sized to its viewBox. */
export function serializeSvg(svg: SVGSVGElement): SvgFile {
  const box = svg.viewBox.baseVal;
  const width = Math.round(box?.width || svg.clientWidth || 800);
  const height = Math.round(box?.height || svg.clientHeight || 400);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.removeAttribute('class');
  copy.removeAttribute('style');
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  return { text, width, height };
}

/** Draws an SVG file onto a white canvas at `scale` and returns it as a PNG. */
export async function svgToPng(file: SvgFile, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(file.width * scale);
    canvas.height = Math.round(file.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas in this browser.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands a Blob to the browser as a file download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
