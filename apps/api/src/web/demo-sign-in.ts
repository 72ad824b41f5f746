import type { FastifyInstance } from 'fastify';

/** Someone of the demo organisation the demo's sign-in page offers (npm start only). */
export interface DemoPerson {
  id: string;
  name: string;
  roles: string[];
}

/** The demo's people and the tokens it mints for them; main.ts passes one only with --demo. */
export interface DemoSignIn {
  people(): Promise<DemoPerson[]>;
  /** A token for one of the listed people, or null for anyone else. */
  token(personId: string): Promise<string | null>;
}

/**
 * GET /demo/people.json and POST /demo/token { personId }: the demo's sign-in page lists the demo
 * people by role and name and signs in as one of them. Registered only in the demo: in start:prod
 * these paths do not exist (404), and no route there mints tokens.
 */
export function registerDemoSignIn(fastify: FastifyInstance, demo: DemoSignIn): void {
  const problem = (status: number, title: string, detail: string, errors?: Array<{ field: string; message: string }>) => ({
    type: `urn:franvaroliggaren:problem:${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    status,
    detail,
    ...(errors ? { errors } : {}),
  });
  fastify.get('/demo/people.json', async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
    return { people: await demo.people() };
  });
  fastify.post('/demo/token', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    const body = req.body as unknown;
    const personId = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).personId : undefined;
    const unknownFields = typeof body === 'object' && body !== null ? Object.keys(body).filter((k) => k !== 'personId') : [];
    if (typeof personId !== 'string' || personId.length === 0 || personId.length > 128 || unknownFields.length > 0) {
      void reply.status(400).type('application/problem+json');
      return problem(400, 'Invalid input', 'personId must name one of the demo people', [
        ...(typeof personId !== 'string' || personId.length === 0 || personId.length > 128 ? [{ field: 'personId', message: 'personId must be one of the ids from /demo/people.json' }] : []),
        ...unknownFields.slice(0, 10).map((field) => ({ field, message: `property ${field.slice(0, 64)} should not exist` })),
      ]);
    }
    const token = await demo.token(personId);
    if (!token) {
      void reply.status(404).type('application/problem+json');
      return problem(404, 'Not found', 'no demo person has that id');
    }
    return { token };
  });
}
