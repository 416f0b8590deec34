/**
 * moto 5.2.1 answers ListMultipartUploads with every upload's `Initiated` fixed at
 * 2010-11-10T20:48:33.000Z (moto/s3/responses.py, list_multipart_uploads), so every open upload
 * looks years old. The front server notes when each CreateMultipartUpload was answered and puts
 * that time back into the listing, as S3 does.
 */
export class MultipartClock {
  private readonly started = new Map<string, string>();

  /** The S3 operations whose moto answers pass through `rewrite`. */
  static readonly ACTIONS: ReadonlySet<string> = new Set(['CreateMultipartUpload', 'ListMultipartUploads']);

  rewrite(action: string, xml: string): string {
    if (action === 'CreateMultipartUpload') {
      const id = /<UploadId>([^<]+)<\/UploadId>/.exec(xml)?.[1];
      if (id) this.started.set(id, new Date().toISOString());
      return xml;
    }
    return xml.replace(/<Upload>([\s\S]*?)<\/Upload>/g, (whole, inner: string) => {
      const at = this.started.get(/<UploadId>([^<]+)<\/UploadId>/.exec(inner)?.[1] ?? '');
      return at ? whole.replace(/<Initiated>[^<]*<\/Initiated>/, `<Initiated>${at}</Initiated>`) : whole;
    });
  }
}
