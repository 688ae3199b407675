import { registerMetric } from './state.mjs';

class Metric {
  constructor(name, type, isTime) {
    this.name = name;
    this.store = registerMetric(name, type, isTime);
  }

  add(value) {
    this.store.samples.push(typeof value === 'boolean' ? (value ? 1 : 0) : Number(value));
  }
}

export class Trend extends Metric {
  constructor(name, isTime) {
    super(name, 'trend', isTime);
  }
}

export class Counter extends Metric {
  constructor(name) {
    super(name, 'counter');
  }
}

export class Rate extends Metric {
  constructor(name) {
    super(name, 'rate');
  }
}

export class Gauge extends Metric {
  constructor(name) {
    super(name, 'gauge');
  }
}

export default { Trend, Counter, Rate, Gauge };
