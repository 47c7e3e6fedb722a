extension FaultPlan {
    /// The spec syntax, for `brygga sandbox serve --help` (printed as written; fits 80 columns).
    public static let syntaxHelp = """
        FAULT SPEC (--faults SPEC)
          Clauses separated by ';' or newlines; '#' starts a comment.
            seed=N                      seed of every random draw (default 0); the same
                                        seed and request sequence give the same faults
            [METHODS] PATTERN: FAULT, ...
                                        a rule for matching requests
          METHODS  '*' (default) or GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS joined by '|'
          PATTERN  the request path; '*' matches anything, '/' included: /3/customers/*
          TRIGGER  '=RATE' (RATE 0..1 or '5%') or '@N' (the Nth matching request)
          FAULT
            latency=20ms, latency=2..20ms  added delay, fixed or uniform (us, ms, s)
            5xx TRIGGER                 answer 500, 502 or 503 (handler not called)
            503 TRIGGER                 answer that status (any of 500..599)
            burst429 TRIGGER[xCOUNT]    COUNT consecutive 429s (default 1; handler not
                                        called)
            retry-after=SECONDS|none    Retry-After of this rule's 429s (default 1)
            drop TRIGGER                close the connection before handling (handler
                                        not called)
            lost-response TRIGGER       handler called (the write commits), then close
                                        without an answer
            commit-504 TRIGGER          handler called (the write commits), then 504
            html200 TRIGGER             answer 200 with an HTML maintenance page
                                        (text/html; handler not called)
            truncated TRIGGER           handler called (the write commits), then only
                                        the first half of its body is sent
            wrong-type TRIGGER          handler called (the write commits), its body
                                        sent as Content-Type text/plain
            hold TRIGGER                handler called (the write commits), then the
                                        answer is held until SIGUSR1 releases every
                                        held answer; dropped if the client hangs up
          Every matching rule counts the request; the first fault that fires wins;
          latencies add up.
          Example:
            seed=7; POST /3/customers: lost-response=0.1;
            GET /3/*: latency=2..20ms, 5xx=0.05;
            * /rest-api/v1/*: burst429=0.02x5, retry-after=2;
            PUT /3/invoices/*: lost-response@3;
            GET /3/customers: html200@2; POST /oauth-v1/token: hold@1
        """
}
