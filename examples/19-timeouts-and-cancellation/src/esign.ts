/** One envelope sent for signature: open until it is signed or voided. */
export interface Envelope {
  id: string;
  contractId: string;
  signer: string;
  /** Where the e-signature service reports the signer's answer. */
  callbackId: string;
  status: "open" | "signed" | "voided";
}

/**
 * Stands in for an e-signature service. Sending the same contract again returns the envelope
 * already open for it, so a step that sends it can safely run twice.
 */
export class ESignService {
  readonly envelopes = new Map<string, Envelope>();

  send(contractId: string, signer: string, callbackId: string): string {
    const id = `env-${contractId}`;
    if (!this.envelopes.has(id)) {
      this.envelopes.set(id, { id, contractId, signer, callbackId, status: "open" });
    }
    return id;
  }

  void(id: string): string {
    this.envelope(id).status = "voided";
    return id;
  }

  countersign(id: string): string {
    this.envelope(id).status = "signed";
    return `signed-${id}`;
  }

  private envelope(id: string): Envelope {
    const envelope = this.envelopes.get(id);
    if (envelope === undefined) throw new Error(`no envelope "${id}"`);
    return envelope;
  }
}

let current = new ESignService();

/** The service the handler uses; tests give each run a fresh one. */
export const esign = {
  send: (contractId: string, signer: string, callbackId: string) =>
    current.send(contractId, signer, callbackId),
  void: (id: string) => current.void(id),
  countersign: (id: string) => current.countersign(id),
};

export function useESign(service: ESignService): void {
  current = service;
}
