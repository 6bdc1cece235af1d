//! Criterion micro-benchmark of `timex::tag` on a committed sample written for it (a
//! Country Studies style history paragraph, about 230 words).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SAMPLE: &str = include_str!("sample.txt");

fn bench_tag(c: &mut Criterion) {
    let config = timex::Config::narrative(timex::Date::parse("1989-05"));
    let mut group = c.benchmark_group("tag");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    group.bench_function("history_paragraph", |b| b.iter(|| timex::tag(std::hint::black_box(SAMPLE), &config)));
    let long = SAMPLE.repeat(50);
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("history_paragraph_x50", |b| b.iter(|| timex::tag(std::hint::black_box(&long), &config)));
    group.finish();
}

criterion_group!(benches, bench_tag);
criterion_main!(benches);
