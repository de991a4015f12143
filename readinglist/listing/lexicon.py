"""Small word lists the line scorer uses: function words, name particles, common title words."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """Whitespace-separated words of a literal (keeps long word lists readable)."""
    return text.split()


# Function words: a lowercase one inside a short line is strong evidence of a title
# or a sentence, never of a personal name (particles are listed separately).
STOPWORDS_EN = frozenset(
    _words("""a an the of for with and or in on to from by at as via using into onto over under
    towards toward through without within beyond between across about against among is are
    be can do does not no than that this these those what when where which who why how its
    their our we you your it all any more most less new based vs versus per upon""")
)
STOPWORDS_FR = frozenset(
    _words("""le la les des du un une et ou pour avec sans dans sur par au aux en est sont ce cette
    ces que qui quoi dont vers entre chez sous nous notre nos leur leurs son sa ses une""")
)
# Particles that appear lowercase inside personal names.
PARTICLES = frozenset(
    _words("""van von der den de del della di da das dos du la le ten ter zu bin ibn al el y e
    af av mac mc st""")
)
# Words an abstract sentence uses and a title rarely does.
SENTENCE_WORDS = frozenset(
    _words("""we our us is are was were has have been this these propose proposes present presents
    show shows study introduce paper work results approach method find demonstrate achieves
    nous notre nos est sont cet cette article proposons montrons présentons travail""")
)
# How an abstract's first sentence opens and a title does not (with the space after it).
SENTENCE_OPENERS = tuple(
    w.replace("_", " ") + " "
    for w in _words("""We Our In_this_paper In_this_work Here_we This_paper This_work This_article
    This_note This_study In_this_note Nous Notre Dans_cet_article Dans_ce_travail Cet_article
    Ce_travail Cette_étude Cette_note Ici_nous""")
)
# Second words of coined model names ("Perceiver IO", "Phi Mini"), as written: a
# two-word line ending so is a title, not a person.
MODEL_SUFFIXES = frozenset(
    _words("""IO XL XXL GPT LM LLM VLM RL Net Nets Former Bench Zero Mini Nano Tiny Lite Pro
    Plus Max Base Large Small Flow Seg Diffusion Chat Instruct Coder Vision Agent Gym Zoo
    Hub Kit Lab Suite Toolkit Engine""")
)
# Frequent words of science titles, lowercase.  Deliberately excludes words that are
# also common given names or surnames (Will, Mark, Long, Young, Rich, Hope, Bell...).
TITLE_WORDS = frozenset(
    _words("""learning learned learn learns neural network networks deep model models modeling
    modelling representation representations reinforcement generative graph graphs
    transformer transformers attention language languages large small vision visual
    image images video videos training train inference bayesian probabilistic stochastic
    optimization optimisation gradient gradients descent convex nonconvex robust robustness
    adversarial causal causality discrete continuous bottleneck key value values function
    functions policy policies agent agents multi task tasks data dataset datasets
    benchmark benchmarks evaluation efficient efficiency scalable scaling scale laws
    diffusion flow flows energy contrastive self supervised unsupervised semi transfer
    meta few shot zero domain adaptation generalization generalisation invariant
    equivariant equivariance symmetry symmetries kernel kernels sparse dense memory
    structured structure structures prediction predicting predictive forecasting time
    series temporal spatial sequence sequences molecular molecule molecules protein
    proteins drug design discovery chemistry materials physics quantum dynamics dynamic
    dynamical system systems control online offline bandits bandit exploration reward
    rewards planning search retrieval question answering questions text speech audio
    recognition detection segmentation classification regression clustering estimation
    sampling sampler samplers variational autoencoder autoencoders encoder decoder
    latent space spaces manifold manifolds geometric geometry topological topology
    theory theoretical analysis framework frameworks perspective perspectives approach
    approaches method methods algorithm algorithms via towards toward beyond understanding
    revisiting rethinking improving improved improve better faster simple simpler
    fast scalable provable provably optimal optimality bounds bound complexity
    convergence regularization normalization batch layer layers residual recurrent
    convolutional linear nonlinear matrix tensor factorization decomposition rank
    embedding embeddings token tokens pretraining pretrained fine tuning prompt prompting
    reasoning knowledge fairness privacy federated distributed parallel hardware
    benchmarking uncertainty calibration active continual lifelong curriculum
    human humans level robot robots robotic robotics navigation simulation simulator
    world worlds environment environments game games play multiagent cooperative
    emergent communication objects object centric compositional modular mixture experts
    expert routing search sensing medical clinical health healthcare biology biological
    cell cells genomics single brain cortex neuroscience spiking plasticity synaptic
    hebbian credit assignment backpropagation forward backward local global hierarchical
    hierarchy multiscale fusion retrosynthetic synthesis chain markov
    point proximal extragradient methods monotonicity case negative positive label noise
    noisy memorization splitting canonicalization frame averaging phase plausible
    predict parameters diverse generalized discovering pixels bootstrapped trajectories
    incomplete sequence biological offline human efficiency atari do not scale
    towards on in of for with and the from using
    apprentissage profond réseaux réseau neurones neuronaux modèle modèles données
    étude méthode méthodes analyse vers approche approches intelligence artificielle
    graphes graphe prévision découverte médicaments génératifs génératif renforcement
    équivariants équivariant optimisation algorithmes algorithme représentations
    représentation langue langues langage traitement automatique vision robuste robustes
    apprendre cadre théorie théorique statistique statistiques probabiliste revue
    dropout implicit explicit behavioral behaviour behavior cloning hypothesis lottery
    ticket mixture instruction tuning matching sharpness aware minimization minimax
    equilibrium equilibria registers radiance rendering consistency rectified adversarial
    nets net residual recognition unsupervised emergent abilities scalable learners
    masked autoencoders baselines baseline confusion imitation ordinary differential
    equations equation partial stochastic tangent normalization risk minimization starvation
    abstraction abstractions alignment allocation amortized anomaly architecture
    architectures assignment augmentation autoregressive automatic backdoor bagging
    barrier benign bias biases boosting bootstrap bottlenecks budget capacity capsule
    cascade certified chains channel circuit circuits classifier classifiers codes coding
    cognitive collapse completion compression computation computational concept concepts
    conditional confidence conformal constrained constraint constraints contextual
    contrast convolution convolutions corpus correction counterfactual coupling critic
    curvature decision decisions decoding denoising density dependency depth
    detector differentiable diffusions dimension dimensional dimensionality direct
    discriminative disentangled disentanglement distillation distribution distributions
    distributional diversity drift dual duality editing effect effects efficient
    eigenvalue elastic embedded emergence empirical ensemble ensembles entropy error
    errors estimator estimators evolution evolutionary exact expressive expressivity
    extrapolation factor factors feature features feedback fields filter filtering
    finetuning fixed flat flatness formal foundation fourier gaussian gated gating
    generalize generalizing generation generator geodesic gradient grammar grammars
    grounded grounding guidance hashing heads hessian heterogeneous heuristic hidden
    hopfield hyperparameter hyperparameters identification identifiability image
    imbalanced importance incremental inductive information infinite initialization
    injection instance interpretability interpretable interpolation intervention
    interventions inverse invariance iterative joint kinetic labels labeling ladder
    landscape langevin lattice layerwise learnable likelihood limits lipschitz loss losses
    machine machines marginal masking maximum mean measure mechanism mechanisms message
    passing metric metrics minimal mirror misspecification mode modes modality modalities
    momentum monotone motion multimodal mutual natural neighbors neighbours neuron neurons
    noise nonlinear norm objective objectives observation operator operators optimizer
    optimizers oracle ordering orthogonal outlier outliers overfitting overparameterized
    pairwise parameter parameterization perception permutation physical pixel pixels
    plug pooling posterior posteriors pretraining primal prior priors privacy probing
    process processes progressive projection pruning quantization quantized queries query
    random randomized ranking rate rates recovery recurrent reduction refinement regret
    relational relaxation reliable rendering replay representational resampling reservoir
    retrieval reversible rotation routing rule rules safe safety sample samples scaling
    score scores selection semantic sensitivity separation shift shifts shortcut signal
    signals similarity simulation smooth smoothing solver solvers sparsity spectral
    stability stable state states stationary statistical steering stochasticity
    subspace subspaces surrogate synthetic teacher student temperature test tokenization
    trajectory transfer transformation transformations transport tree trees trust
    unified universal unlearning update updates variance vector vectors verification
    weight weights wide width zero shot compositionality retrieval augmented generation
    benchmark evaluation evaluating measuring understanding explaining estimating
    learning predicting modeling generating detecting towards revisiting rethinking""")
)
# Suffixes typical of English and French common nouns/adjectives, rare in names.
TITLE_SUFFIXES = (
    "tion",
    "tions",
    "sion",
    "sions",
    "ment",
    "ments",
    "ness",
    "ity",
    "ities",
    "ology",
    "ologies",
    "ics",
    "ism",
    "able",
    "ible",
    "ive",
    "ives",
    "ized",
    "ised",
    "izing",
    "ising",
    "ization",
    "isation",
    "ural",
    "ical",
    "ally",
    "ful",
    "less",
    "ously",
    "ware",
    "works",
    "nets",
    "ation",
)
# Common given names of many origins: a line starting with one is probably a person.
GIVEN_NAMES = frozenset(
    _words("""james john robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george
    timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry
    justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis
    jerry tyler aaron jose adam nathan henry peter zachary douglas harold kyle noah ethan
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy
    betty sandra margaret ashley kimberly emily donna michelle carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia amy angela anna emma olivia sophia julia alice
    marie jean pierre louis michel philippe nicolas julien thomas antoine mathieu guillaume
    francois françois sébastien sebastien olivier christophe frédéric frederic laurent
    yoshua yann hugo lucas léo leo gabriel raphaël arthur jules adrien baptiste maxime
    camille chloé chloe léa lea manon inès ines clément clement aurélien aurelien
    hans klaus jürgen jurgen wolfgang stefan andreas markus tobias lukas florian felix
    matthias bernhard frederik bernd uwe dieter sven lars anders erik nils johan mikael
    giovanni giuseppe marco luca andrea francesco alessandro lorenzo matteo davide
    carlos juan luis miguel javier antonio manuel pablo diego sergio alejandro fernando
    joão joao pedro rafael tiago bruno ricardo
    ivan dmitry dmitri sergey sergei alexey alexei nikolay nikolai andrei andrey mikhail
    vladimir yuri olga irina natalia tatiana ekaterina anastasia elena svetlana
    wei jing li yan yang hao jun jie lei min ming hui ling xin yu yi yun zhi chen hong
    xiaoming xiaolong zhiyuan haoran yifan yuxin jiaqi zihan tianyi ruoxi
    hiroshi takashi kenji yuki haruto sota yuto akira satoshi naoki daisuke kaito
    minjun jihoon seojun hyun jin sung young ji soo jae
    raj rahul amit anil sanjay vijay arjun rohan ankit priya anjali pooja neha kavya
    mohammed mohamed muhammad ahmed ali omar hassan hussein youssef yusuf fatima aisha
    mehmet mustafa emre can burak elif zeynep
    kwame kofi chinedu oluwaseun ngozi amara will mark grace hope joy
    """)
)
