// Requests per subject, limited with rate-limiter-flexible: in this process's memory by default, in
// Redis when REDIS_URL is set so that every gateway replica draws on the same allowance.
import { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Logger } from '../../shared/logger.js';
import type { RateLimitDecision } from './auth.js';

export interface RateLimitConfig {
  /** Sustained requests per second per subject. */
  perSecond: number;
  /** Extra requests a subject may burst above the sustained rate, refilled over `burst / perSecond` seconds. */
  burst: number;
  /** Shares the counters between gateway replicas. */
  redisUrl?: string;
  /** Key prefix in Redis, so several meshes can share one server (and tests stay apart). */
  keyPrefix?: string;
}

export interface SubjectRateLimiter {
  consume(subject: string): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

/**
 * A token-bucket-like limit: `perSecond` requests in every second, plus a burst allowance of
 * `burst` requests that refills over `burst / perSecond` seconds (rate-limiter-flexible's
 * BurstyRateLimiter). When Redis is configured but unreachable, each replica falls back to its own
 * memory limiter rather than refusing every request or letting all through.
 */
export function createSubjectRateLimiter(config: RateLimitConfig, logger?: Logger): SubjectRateLimiter {
  const keyPrefix = config.keyPrefix ?? 'mesh360:rate';
  const burstDuration = Math.max(1, Math.ceil(config.burst / config.perSecond));
  let redis: Redis | undefined;
  let steady: RateLimiterAbstract;
  let burst: RateLimiterAbstract;
  if (config.redisUrl) {
    redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', (err) =>
      logger?.warn({ err: err.message }, 'rate limiter: Redis unavailable, limiting in memory meanwhile'),
    );
    steady = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:steady`,
      points: config.perSecond,
      duration: 1,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: config.perSecond, duration: 1 }),
    });
    burst = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}:burst`,
      points: config.burst,
      duration: burstDuration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: config.burst, duration: burstDuration }),
    });
  } else {
    steady = new RateLimiterMemory({ keyPrefix: `${keyPrefix}:steady`, points: config.perSecond, duration: 1 });
    burst = new RateLimiterMemory({ keyPrefix: `${keyPrefix}:burst`, points: config.burst, duration: burstDuration });
  }
  const limiter = new BurstyRateLimiter(steady, burst);
  return {
    async consume(subject) {
      try {
        await limiter.consume(subject);
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        // The store failed and had no insurance: let the request through rather than take the mesh down with it.
        logger?.error({ err: rejection }, 'rate limiter failed; request allowed');
        return { allowed: true, retryAfterSeconds: 0 };
      }
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis!.disconnect());
    },
  };
}
