package fr.klub.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits ({@code klub.web.*}).
 *
 * @param maxRequestBodySize largest request body accepted; larger ones get 413 PAYLOAD_TOO_LARGE
 */
@ConfigurationProperties("klub.web")
public record WebProperties(DataSize maxRequestBodySize) {

    public WebProperties {
        maxRequestBodySize = maxRequestBodySize == null ? DataSize.ofKilobytes(64) : maxRequestBodySize;
    }
}
