package dev.marquee.testplugins;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Ordered;
import dev.marquee.api.Progress;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataProvider;
import dev.marquee.api.metadata.MetadataQuery;
import dev.marquee.api.metadata.Person;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Plugin;

/**
 * The main class of a test plugin, built into a jar at test time, whose {@link Provider} answers
 * from its own rules: every title is found (with low confidence when it contains "obscure"), id
 * "404" is unknown, id "500" fails, any other id describes "Fetched &lt;id&gt;".
 */
public class FakeProviderPlugin extends Plugin {

  /** The provider, id {@code fake}. */
  public static class Provider implements MetadataProvider, Ordered {
    @Override
    public String id() {
      return "fake";
    }

    @Override
    public int order() {
      return 50;
    }

    @Override
    public Set<MediaKind> kinds() {
      return Set.of(MediaKind.MOVIE, MediaKind.SERIES, MediaKind.EPISODE);
    }

    @Override
    public List<Candidate> search(MetadataQuery query, Progress progress) {
      double confidence = query.title().toLowerCase().contains("obscure") ? 0.3 : 0.95;
      return List.of(new Candidate(query.title(), query.year(), Map.of("fake", "42"), Optional.of("found by the fake"),
          Optional.empty(), confidence));
    }

    @Override
    public Optional<MetadataPatch> fetch(MetadataQuery query, Progress progress) throws IOException {
      Optional<String> id = query.externalId("fake");
      if (id.isEmpty() || id.get().equals("404")) {
        return Optional.empty();
      }
      if (id.get().equals("500")) {
        throw new IOException("the fake service is down");
      }
      return Optional.of(MetadataPatch.builder().title("Fetched " + id.get()).overview("From the fake.")
          .genre("Drama").genre("drama").genre("Thriller")
          .person(Person.of("Ada Actor", Person.Role.ACTOR)).externalId("imdb", "tt00" + id.get()).build());
    }
  }
}
