// Photos as a visit form takes them: scaled down on the device before they
// are kept, so a 12-megapixel camera shot travels as a few hundred kilobytes.
// The device library names them by the SHA-256 of these bytes (core::blob).

/** The longest edge a kept photo has, in pixels: enough to read a house number. */
export const LONG_EDGE = 1600;
/** The most photos a visit carries (core::blob::MAX_PHOTOS_PER_VISIT). */
export const MAX_PHOTOS = 6;

/** The size `width`×`height` scaled so its longest edge is at most `longEdge`. */
export function fitted(width: number, height: number, longEdge = LONG_EDGE): { width: number; height: number } {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** `file` as a JPEG no larger than `LONG_EDGE` on its longest edge. */
export async function scaleDown(file: Blob, quality = 0.8): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = fitted(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!jpeg) throw new Error('jpeg');
  return new Uint8Array(await jpeg.arrayBuffer());
}
