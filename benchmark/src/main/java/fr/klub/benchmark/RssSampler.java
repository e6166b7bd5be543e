package fr.klub.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Samples the services' resident memory while a workload runs and keeps the peak. */
final class RssSampler implements AutoCloseable {

    private final List<ServiceProcess> services;
    private final Map<String, Double> peaks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssSampler(List<ServiceProcess> services) {
        this.services = services;
        this.thread = new Thread(this::sample, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            for (ServiceProcess service : services) {
                double rss = service.rssMiB();
                if (!Double.isNaN(rss)) {
                    peaks.merge(service.name(), rss, Math::max);
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Map<String, Double> peaks() {
        Map<String, Double> copy = new LinkedHashMap<>();
        services.forEach(service -> copy.put(service.name(), Latencies.round(peaks.getOrDefault(service.name(),
                Double.NaN))));
        return copy;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
